import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsDateInRange, IsText, MAX_INT32 } from '@schakel/http';
import { MIGRATION_PROBLEM_CODES } from '@schakel/reference-model/migration';

const ORIGINS = ['generated', 'owner'];
const ACTIONS = ['kept', 'moved', 'cancelled', 'opened'];
const BECAUSE = ['step-removed', 'merged', 'contributor-removed', 'split', 'new-contributor'];

// ---- the plan ----

export class StepMappingEditDto {
  @ApiProperty({ example: 'matching', description: 'A step of the old version' })
  @IsText()
  @MaxLength(64)
  from!: string;

  @ApiProperty({
    type: [String],
    example: ['triage'],
    description:
      'Steps of the new version: one (kept or moved), the first steps of the branches of one parallel split, or none (open tasks cancelled)',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsText({ each: true })
  @MaxLength(64, { each: true })
  to!: string[];

  @ApiPropertyOptional({
    description:
      "Who holds a moved task; default: the new step's responsible partner (or, for a task the regisseur reassigned, its holder where the new step allows them)",
  })
  @IsOptional()
  @IsText()
  @MaxLength(64)
  partner?: string;
}

export class GatewayMappingEditDto {
  @ApiProperty({ example: 'arrangement-join' })
  @IsText()
  @MaxLength(64)
  from!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Its counterpart of the same type in the new version, or null',
  })
  @ValidateIf((_, value) => value !== null)
  @IsText()
  @MaxLength(64)
  to!: string | null;
}

export class DataExposureDto {
  @ApiProperty({ example: 'feedback', description: 'A step of the new version' })
  @IsText()
  @MaxLength(64)
  step!: string;

  @ApiProperty({ example: 'woningcorporatie' })
  @IsText()
  @MaxLength(64)
  partner!: string;

  @ApiProperty({ type: [String], example: ['debt-total'] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsText({ each: true })
  @MaxLength(64, { each: true })
  fields!: string[];
}

/** A new revision: the generated mapping with the owner's edits laid over it. */
export class CreateMigrationPlanDto {
  @ApiProperty({ example: 1, minimum: 1, maximum: MAX_INT32 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  fromVersion!: number;

  @ApiProperty({ example: 2, minimum: 2, maximum: MAX_INT32 })
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(MAX_INT32)
  toVersion!: number;

  @ApiPropertyOptional({
    type: [StepMappingEditDto],
    description: 'Replace the generated entry of each named old step',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => StepMappingEditDto)
  steps?: StepMappingEditDto[];

  @ApiPropertyOptional({ type: [GatewayMappingEditDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => GatewayMappingEditDto)
  gateways?: GatewayMappingEditDto[];

  @ApiPropertyOptional({
    type: [DataExposureDto],
    description: 'Case data partners may newly see, which the partners agreed to',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DataExposureDto)
  exposures?: DataExposureDto[];

  @ApiPropertyOptional({
    enum: ['refuse', 'reassign'],
    default: 'refuse',
    description: 'A claimed task the plan hands to another partner: refuse the case, or move it',
  })
  @IsOptional()
  @IsIn(['refuse', 'reassign'])
  claimedWork?: 'refuse' | 'reassign';
}

export class StepMappingDto extends StepMappingEditDto {
  @ApiProperty({ enum: ORIGINS }) origin!: 'generated' | 'owner';
}

export class GatewayMappingDto extends GatewayMappingEditDto {
  @ApiProperty({ enum: ORIGINS }) origin!: 'generated' | 'owner';
}

export class MigrationProblemDto {
  @ApiProperty({ enum: MIGRATION_PROBLEM_CODES }) code!: string;
  @ApiProperty({ example: '/steps/3/to/0', description: 'JSON pointer into the plan' })
  path!: string;
  @ApiProperty() message!: string;
}

export class MigrationPlanDto {
  @ApiProperty() id!: string;
  @ApiProperty() chainId!: string;
  @ApiProperty() fromVersion!: number;
  @ApiProperty() toVersion!: number;
  @ApiProperty({ description: 'Every save of a plan between the same versions is a new revision' })
  revision!: number;
  @ApiProperty({ type: [StepMappingDto] }) steps!: StepMappingDto[];
  @ApiProperty({ type: [GatewayMappingDto] }) gateways!: GatewayMappingDto[];
  @ApiProperty({ type: [DataExposureDto] }) exposures!: DataExposureDto[];
  @ApiProperty({ enum: ['refuse', 'reassign'] }) claimedWork!: 'refuse' | 'reassign';
  @ApiProperty({ description: 'True when the plan may run' }) valid!: boolean;
  @ApiProperty({ type: [MigrationProblemDto] }) problems!: MigrationProblemDto[];
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: Date;
}

// ---- which cases ----

/** All open cases of the chain on the plan's old version, or those that match every filter given. */
export class CaseSelectionDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  caseIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Cases with an open task on one of these steps',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsText({ each: true })
  @MaxLength(64, { each: true })
  stepIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Cases with an open task held by one of these partners',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsText({ each: true })
  @MaxLength(64, { each: true })
  partnerIds?: string[];

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsDateInRange()
  openedFrom?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsDateInRange()
  openedTo?: Date;
}

export class DryRunRequestDto {
  @ApiPropertyOptional({ type: CaseSelectionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseSelectionDto)
  selection?: CaseSelectionDto;

  @ApiPropertyOptional({ default: 200, minimum: 1, maximum: 1000, description: 'Cases shown' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class StartMigrationRunDto {
  @ApiProperty({
    example: 'Evaluatie 2026: eerste gesprek binnen drie weken; outreach naar maatschappelijk werk',
    minLength: 3,
    maxLength: 2000,
    description: "Why: in each migrated case's timeline (for its partners and the regisseur)",
  })
  @IsText()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ type: CaseSelectionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseSelectionDto)
  selection?: CaseSelectionDto;

  @ApiPropertyOptional({ default: 25, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  batchSize?: number;
}

// ---- what happens to a case ----

export class FailureProblemDto {
  @ApiPropertyOptional({ description: 'Where: a task (`/tasks/<key>`), a join, the category' })
  field?: string;
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class TaskPlaceDto {
  @ApiProperty() stepId!: string;
  @ApiProperty() partnerId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) dueAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) escalationAt!: string | null;
  @ApiProperty({ description: 'Suspended time of the norm clock so far (kept by a move)' })
  suspendedMs!: number;
}

export class TaskMigrationDto {
  @ApiProperty() taskKey!: string;
  @ApiProperty({ enum: ACTIONS }) action!: string;
  @ApiPropertyOptional({ enum: BECAUSE }) because?: string;
  @ApiPropertyOptional({ type: TaskPlaceDto }) before?: TaskPlaceDto;
  @ApiPropertyOptional({ type: TaskPlaceDto }) after?: TaskPlaceDto;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Start of the recomputed norm clock: elapsed time runs from here',
  })
  clockStartedAt?: string | null;
}

export class CaseMigrationDto {
  @ApiProperty() caseId!: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) caseNumber!: number | null;
  @ApiProperty({ enum: ['migratable', 'migrated', 'already-migrated', 'refused'] })
  outcome!: string;
  @ApiProperty() fromVersion!: number;
  @ApiProperty() toVersion!: number;
  @ApiProperty({ type: [FailureProblemDto] }) problems!: FailureProblemDto[];
  @ApiProperty({ type: [TaskMigrationDto] }) tasks!: TaskMigrationDto[];
}

export class DryRunSummaryDto {
  @ApiProperty() migratable!: number;
  @ApiProperty() alreadyMigrated!: number;
  @ApiProperty() refused!: number;
}

export class DryRunDto {
  @ApiProperty() planId!: string;
  @ApiProperty() fromVersion!: number;
  @ApiProperty() toVersion!: number;
  @ApiProperty({ description: 'Open cases the selection takes' }) selected!: number;
  @ApiProperty({ type: DryRunSummaryDto, description: 'Over the cases shown' })
  summary!: DryRunSummaryDto;
  @ApiProperty({ type: [CaseMigrationDto] }) cases!: CaseMigrationDto[];
}

// ---- a run ----

export class MigrationProgressDto {
  @ApiProperty() total!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() migrated!: number;
  @ApiProperty() alreadyMigrated!: number;
  @ApiProperty() refused!: number;
  @ApiProperty() batches!: number;
  @ApiProperty() batchesDone!: number;
}

export class MigrationRunDto {
  @ApiProperty() id!: string;
  @ApiProperty() planId!: string;
  @ApiProperty() chainId!: string;
  @ApiProperty() fromVersion!: number;
  @ApiProperty() toVersion!: number;
  @ApiProperty() reason!: string;
  @ApiProperty() startedBy!: string;
  @ApiProperty() batchSize!: number;
  @ApiProperty({ enum: ['running', 'finished'] }) status!: string;
  @ApiProperty() startedAt!: Date;
  @ApiPropertyOptional({ type: Date, nullable: true }) finishedAt!: Date | null;
  @ApiProperty({ type: MigrationProgressDto }) progress!: MigrationProgressDto;
}

export class MigrationRunCaseDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() batch!: number;
  @ApiProperty({ enum: ['pending', 'migrated', 'already-migrated', 'refused'] }) outcome!: string;
  @ApiPropertyOptional({ type: Date, nullable: true }) settledAt!: Date | null;
  @ApiPropertyOptional({ type: CaseMigrationDto, nullable: true })
  detail!: CaseMigrationDto | null;
}

export class MigrationRunDetailDto extends MigrationRunDto {
  @ApiProperty({ type: [MigrationRunCaseDto] }) cases!: MigrationRunCaseDto[];
}

import { ESCALATION_TRIGGERS } from '@schakel/contracts';
import { PageQueryDto, IsText } from '@schakel/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ActionDto } from '../cases/action.dto';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { CaseSummaryDto, CaseTaskDto, TimelineEntryDto } from '../cases/case.dto';

/** Every regisseur action is recorded with why (timeline and audit log). */
export class ReasonDto {
  @ApiProperty({
    example: 'Afgestemd met teamleiders van gemeente en kredietbank.',
    minLength: 3,
    maxLength: 2000,
  })
  @IsText()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;
}

export class ReassignDto extends ReasonDto {
  @ApiPropertyOptional({ description: 'Another partner the model allows for the step' })
  @IsOptional()
  @IsText()
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'partnerId must be a partner id' })
  partnerId?: string;

  @ApiPropertyOptional({
    description: 'A named caseworker (of the partner that will hold the task)',
  })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
}

export class ExtendDto extends ReasonDto {
  @ApiProperty({
    example: '2026-12-15T17:00:00+01:00',
    description: 'The new due date (later than now and than the current one)',
  })
  @IsISO8601({ strict: true })
  dueAt!: string;
}

export class SuspendDto extends ReasonDto {
  @ApiProperty({ enum: ['client', 'partner'], description: 'Whom the clock waits for' })
  @IsIn(['client', 'partner'])
  waitingFor!: 'client' | 'partner';
}

export class CloseCaseDto extends ReasonDto {
  @ApiProperty({ example: 'help-declined', description: "One of the model's end states" })
  @IsText()
  @MaxLength(64)
  endId!: string;
}

export class AgreementDto extends ReasonDto {
  @ApiPropertyOptional({ description: 'The escalation the agreement settles' })
  @IsOptional()
  @IsText()
  @MaxLength(200)
  escalationId?: string;
}

export class EscalationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['open', 'resolved'],
    default: 'open',
    description: 'resolved: the history',
  })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status: 'open' | 'resolved' = 'open';

  @ApiPropertyOptional({ minimum: 0, maximum: 4 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(4)
  level?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) chainId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) partnerId?: string;

  @ApiPropertyOptional({ enum: ['level', 'age'], default: 'level' })
  @IsOptional()
  @IsIn(['level', 'age'])
  sort: 'level' | 'age' = 'level';
}

export class EscalationDto {
  @ApiProperty() id!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() chainId!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) taskKey!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) stepId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) partnerId!: string | null;
  @ApiProperty({ enum: ESCALATION_TRIGGERS }) trigger!: string;
  @ApiProperty() level!: number;
  @ApiProperty() levelName!: string;
  @ApiProperty() owner!: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) status!: string;
  @ApiProperty() raisedAt!: Date;
  @ApiProperty() levelSince!: Date;
  @ApiPropertyOptional({
    nullable: true,
    type: Date,
    description: 'Climbs to the next level at this moment unless resolved',
  })
  levelDueAt!: Date | null;
  @ApiProperty({ description: 'Seconds since it was raised' }) ageSeconds!: number;
  @ApiPropertyOptional({ nullable: true, type: Date }) resolvedAt!: Date | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "The regisseur's free text: null for operations",
  })
  resolution!: string | null;
  @ApiProperty({ description: 'There is a resolution this reader may not read' })
  resolutionWithheld!: boolean;
}

export class EscalationPageDto {
  @ApiProperty({ type: [EscalationDto] }) items!: EscalationDto[];
  @ApiProperty() total!: number;
}

export class EscalationDetailDto {
  @ApiProperty({ type: EscalationDto }) escalation!: EscalationDto;
  @ApiProperty({
    type: CaseSummaryDto,
    description: 'Process data of the case: who holds what, since when, against which norm',
  })
  case!: CaseSummaryDto;
  @ApiProperty({ type: [CaseTaskDto] }) tasks!: CaseTaskDto[];
  @ApiProperty({ type: [EscalationDto], description: 'Every escalation of the case' })
  history!: EscalationDto[];
  @ApiProperty({ type: [TimelineEntryDto] }) timeline!: TimelineEntryDto[];
  @ApiProperty({
    type: [ActionDto],
    description:
      "The regisseur's actions on the escalation and on its task (remind, reassign, extend, suspend or resume, skip); empty for operations and once it is resolved",
  })
  actions!: ActionDto[];
  @ApiPropertyOptional({
    description:
      'True when the case engine did not answer in time: the resource is current, its actions are unknown for now',
  })
  actionsUnavailable?: boolean;
}

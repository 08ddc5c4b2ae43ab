import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import type { CaseTransitionResult } from '@schakel/contracts';
import { PageQueryDto, IsCaseData, IsText } from '@schakel/http';
import { INTENSITIES, type CaseData, type CaseEnd } from '@schakel/reference-model/engine';
import { ActionDto } from './action.dto';

const ID = /^[a-z0-9][a-z0-9-]*$/;

export class OpenCaseDto {
  @ApiProperty({
    example: 'vroegsignalering-schuldhulp',
    description: 'The chain; the case runs on its current published model version',
  })
  @IsText()
  @Matches(ID, { message: 'chainId must be a chain id such as vroegsignalering-schuldhulp' })
  chainId!: string;

  @ApiProperty({ example: 'rent-arrears', description: 'Intake category of the model' })
  @IsText()
  @MinLength(1)
  @MaxLength(64)
  category!: string;

  @ApiPropertyOptional({
    enum: INTENSITIES,
    description: "Intensity of collaboration; defaults to the category's",
  })
  @IsOptional()
  @IsIn(INTENSITIES)
  intensity?: (typeof INTENSITIES)[number];

  @ApiProperty({
    example: 'Huurachterstand van drie maanden; wil hulp bij het op orde brengen van de financiën.',
    minLength: 3,
    maxLength: 4000,
    description: 'Text: no control characters but tab and line breaks (docs/limits.md)',
  })
  @IsText()
  @MinLength(3)
  @MaxLength(4000)
  clientQuestion!: string;

  @ApiProperty({
    example: 'KP-7F3A-91C2',
    description: 'The chain pseudonym of the client — never a BSN in clear',
  })
  @IsText()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{3,99}$/, {
    message: 'clientReference must be a chain pseudonym of 4–100 letters, digits and dashes',
  })
  clientReference!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "The intake form's fields, by field id. Text only (no control characters, keys too); strings up to INPUT_MAX_TEXT_LENGTH, the whole up to INPUT_MAX_DATA_BYTES as JSON, nested up to INPUT_MAX_DEPTH (docs/limits.md)",
  })
  @IsCaseData()
  data!: CaseData;
}

export class CancelCaseDto {
  @ApiProperty({
    example: 'Cliënt verhuisd naar een andere regio; casus overgedragen.',
    minLength: 3,
    maxLength: 2000,
  })
  @IsText()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;
}

export class AddNoteDto {
  @ApiProperty({
    example: 'Cliënt telefonisch gesproken; afspraak staat op 3 december.',
    minLength: 1,
    maxLength: 4000,
  })
  @IsText()
  @MinLength(1)
  @MaxLength(4000)
  text!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['kredietbank'],
    description:
      "Partners of the case (organisation ids) that may read the note besides the author's own organisation; default: only the author's organisation",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(ID, { each: true, message: 'each of sharedWith must be an organisation id' })
  sharedWith?: string[];

  @ApiPropertyOptional({ description: 'The task the note is about' })
  @IsOptional()
  @IsText()
  @MaxLength(100)
  taskKey?: string;
}

export class CaseSearchDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) chainId?: string;
  @ApiPropertyOptional({ enum: ['open', 'closed', 'cancelled'] })
  @IsOptional()
  @IsIn(['open', 'closed', 'cancelled'])
  status?: 'open' | 'closed' | 'cancelled';
  @ApiPropertyOptional({ description: 'Cases where this partner currently holds a task' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  partnerId?: string;
}

const HIDDEN = 'null on a confidential step of another partner';

export class CaseTaskDto {
  @ApiProperty({ nullable: true, type: String, description: HIDDEN }) id!: string | null;
  @ApiProperty({ nullable: true, type: String, description: HIDDEN }) taskKey!: string | null;
  @ApiProperty({ nullable: true, type: String, description: HIDDEN }) stepId!: string | null;
  @ApiProperty({
    description: 'On a confidential step of another partner: "Een partner werkt aan de casus"',
  })
  stepName!: string;
  @ApiProperty({ nullable: true, type: String, description: HIDDEN }) partnerId!: string | null;
  @ApiPropertyOptional({
    description: 'Set on a confidential step of another partner: only its progress is shown',
  })
  confidential?: boolean;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) assigneeId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) outcome!: string | null;
  @ApiProperty() iteration!: number;
  @ApiProperty() openedAt!: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) claimedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) closedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) dueAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) escalationAt!: Date | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Date,
    description: 'Set while the clock is suspended',
  })
  suspendedSince!: Date | null;
  @ApiProperty({ description: 'Paused time so far, not counted against the norm' })
  suspendedMs!: number;
  @ApiProperty({ description: 'The regisseur extended the due date' }) extended!: boolean;
}

/** Where a due date comes from when its norm is anchored to a date in the case. */
export class DueAnchorDto {
  @ApiProperty({ example: 'release-date', description: 'The date field of the case data' })
  field!: string;
  @ApiProperty({ example: 'Datum detentie-einde', description: "The field's label" })
  label!: string;
  @ApiProperty({ enum: ['before', 'after'] }) direction!: 'before' | 'after';
}

export const CASE_NORM_STATES = [
  'awaiting-date',
  'running',
  'suspended',
  'extended',
  'overdue',
  'met',
  'missed',
  'unmeasured',
] as const;

export class CaseNormDto {
  @ApiProperty({
    enum: CASE_NORM_STATES,
    description:
      'awaiting-date: the norm is anchored to a date the case does not hold yet (no due date); met, missed or unmeasured once the case ended',
  })
  state!: (typeof CASE_NORM_STATES)[number];
  @ApiProperty({ nullable: true, type: Date, description: 'Null while awaiting the date' })
  dueAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) escalationAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'Set while suspended' })
  suspendedSince!: Date | null;
  @ApiProperty({ description: 'Paused time so far, not counted against the norm' })
  suspendedMs!: number;
  @ApiProperty({ description: 'The regisseur extended the due date' }) extended!: boolean;
}

export class CaseSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Short number to quote' }) number!: number;
  @ApiProperty() chainId!: string;
  @ApiProperty() modelVersion!: number;
  @ApiProperty() category!: string;
  @ApiProperty() intensity!: string;
  @ApiProperty({ enum: ['open', 'closed', 'cancelled'] }) status!: string;
  @ApiProperty({ type: [String], description: 'Partners holding an open task now' })
  currentPartners!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) result!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) endId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) exitReason!: string | null;
  @ApiProperty() openedAt!: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) closedAt!: Date | null;
  @ApiProperty({
    type: CaseNormDto,
    nullable: true,
    description:
      "The case norm's clock (lead time of the whole case): null when the model has none or the case started before it was enforced",
  })
  norm!: CaseNormDto | null;
}

export class CaseDto extends CaseSummaryDto {
  @ApiPropertyOptional({ description: 'Content: only for caseworkers of an involved organisation' })
  clientQuestion?: string;
  @ApiPropertyOptional() clientReference?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Only the fields your steps may see',
  })
  data?: CaseData;
  @ApiProperty({ type: [CaseTaskDto] }) tasks!: CaseTaskDto[];
  @ApiProperty({
    type: [ActionDto],
    description:
      "The regisseur's actions now: on the case (close, cancel, record-agreement) and on its tasks (naming `taskKey`; reopen naming `stepId`); empty for other readers and once the case ended",
  })
  actions!: ActionDto[];
  @ApiPropertyOptional({
    description:
      'True when the case engine did not answer in time: the resource is current, its actions are unknown for now',
  })
  actionsUnavailable?: boolean;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items!: CaseSummaryDto[];
  @ApiProperty() total!: number;
}

export class TimelineEntryDto {
  @ApiProperty({ example: 'task.completed' }) type!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) taskKey!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) stepId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) partnerId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorRole!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorOrganisation!: string | null;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Process details; `reason`/`text` only for their audience (others get `reasonWithheld: true` and `reasonCategory`)',
  })
  details!: Record<string, unknown>;
  @ApiPropertyOptional({
    description: 'Set on an entry of a confidential step of another partner: no partner, no step',
  })
  confidential?: boolean;
  @ApiPropertyOptional({ example: 'Een partner werkt aan de casus' }) summary?: string;
}

export class OpenedTaskDto {
  @ApiProperty() taskKey!: string;
  @ApiProperty() stepId!: string;
  @ApiProperty() partnerId!: string;
}

export class TransitionDto implements CaseTransitionResult {
  @ApiProperty({ type: [OpenedTaskDto], description: 'Tasks opened' })
  opened!: OpenedTaskDto[];
  @ApiProperty({ type: [String] }) closed!: string[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The end reached: endId, result, exitReason',
  })
  ended?: CaseEnd;
  @ApiProperty({ enum: ['open', 'closed', 'cancelled'] }) status!: CaseTransitionResult['status'];
}

export class OpenedCaseDto {
  @ApiProperty({ type: CaseDto }) case!: CaseDto;
  @ApiProperty({ type: TransitionDto }) transition!: TransitionDto;
}

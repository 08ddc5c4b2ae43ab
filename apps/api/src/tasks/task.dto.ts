import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ActionDto } from '../cases/action.dto';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsCaseData, IsDateInRange, IsText } from '@schakel/http';
import type { CaseData } from '@schakel/reference-model/engine';
import { CaseTaskDto, DueAnchorDto } from '../cases/case.dto';

export const INBOX_VIEWS = ['open', 'mine', 'unassigned'] as const;
export const INBOX_SORTS = ['due', '-due', 'opened', '-opened'] as const;

export class InboxQueryDto {
  @ApiPropertyOptional({
    enum: INBOX_VIEWS,
    default: 'open',
    description: "open: all your organisation's open tasks",
  })
  @IsOptional()
  @IsIn(INBOX_VIEWS)
  view: (typeof INBOX_VIEWS)[number] = 'open';

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) chainId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) stepId?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'Only tasks due before this moment',
  })
  @IsOptional()
  @IsDateInRange()
  dueBefore?: Date;

  @ApiPropertyOptional({
    enum: INBOX_SORTS,
    default: 'due',
    description: 'Field to sort on; a leading - sorts descending',
  })
  @IsOptional()
  @IsIn(INBOX_SORTS)
  sort: (typeof INBOX_SORTS)[number] = 'due';

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class InboxItemDto extends CaseTaskDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({ description: 'Short case number to quote' }) caseNumber!: number;
  @ApiProperty({ description: "The client's chain pseudonym (the task is your organisation's)" })
  clientReference!: string;
  @ApiProperty() chainId!: string;
  @ApiProperty() modelVersion!: number;
  @ApiProperty({ description: 'Past its target due date' }) overdue!: boolean;
}

export class InboxPageDto {
  @ApiProperty({ type: [InboxItemDto] }) items!: InboxItemDto[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Pass as cursor for the next page; null on the last',
  })
  nextCursor!: string | null;
}

export class ChoiceDto {
  @ApiProperty({ description: 'Stored value' }) id!: string;
  @ApiProperty({ description: 'Display label (the id when the model gives none)' }) label!: string;
}

export class FormFieldDto {
  @ApiProperty() field!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: ['string', 'number', 'boolean', 'date', 'enum'] }) type!: string;
  @ApiProperty() required!: boolean;
  @ApiPropertyOptional({ type: [ChoiceDto], description: 'Allowed values of an enum field' })
  values?: ChoiceDto[];
  @ApiPropertyOptional() description?: string;
}

/** One of a step's outcomes or return-reason categories, with the label the model gives it. */
export class StepOptionDto {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
}

export class StepDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({
    description:
      "Set on a contributor's task in a joint step: the contributing partner. Its only outcome is 'contributed' and its form is the contributor's.",
  })
  contributor?: string;
  @ApiProperty() instructions!: string;
  @ApiProperty({ type: [StepOptionDto] }) outcomes!: StepOptionDto[];
  @ApiProperty({ type: [FormFieldDto] }) form!: FormFieldDto[];
  @ApiProperty({
    type: [String],
    description: 'Fields that must have a value when this step hands over',
  })
  handsOver!: string[];
  @ApiPropertyOptional({
    type: [StepOptionDto],
    description: 'Categories a return of this handover may give (`category` of the return)',
  })
  returnReasons?: StepOptionDto[];
  @ApiPropertyOptional({
    type: DueAnchorDto,
    description:
      "Set when the step's norm is anchored to a date in the case: the task's due date is counted from or back to it, and there is none while the case does not hold that date",
  })
  dueFrom?: DueAnchorDto;
}

export class TaskDetailDto {
  @ApiProperty({ type: InboxItemDto }) task!: InboxItemDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The case as far as this step may see it',
  })
  case!: {
    id: string;
    number: number;
    chainId: string;
    modelVersion: number;
    status: string;
    clientQuestion: string;
    clientReference: string;
    data: CaseData;
    fields: FormFieldDto[];
  };
  @ApiProperty({ type: StepDto }) step!: StepDto;
  @ApiProperty({
    type: [ActionDto],
    description:
      'What you may do with the task now: claim, unclaim, assign, complete, return, disagree',
  })
  actions!: ActionDto[];
  @ApiPropertyOptional({
    description:
      'True when the case engine did not answer in time: the resource is current, its actions are unknown for now',
  })
  actionsUnavailable?: boolean;
}

export class CompleteTaskDto {
  @ApiProperty({ example: 'matched', description: "One of the step's outcomes" })
  @IsText()
  @MinLength(1)
  @MaxLength(64)
  outcome!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "The step's form fields, by field id; the same limits as intake data (docs/limits.md)",
  })
  @IsCaseData()
  data: CaseData = {};
}

export class ReturnTaskDto {
  @ApiProperty({
    example: 'Inkomensgegevens ontbreken; graag aanvullen.',
    minLength: 3,
    maxLength: 2000,
  })
  @IsText()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({
    example: 'incomplete-information',
    description:
      "One of the step's declared return-reason categories (model `returnReasons`); the regisseur and operations see the category, never the reason's text",
  })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  category?: string;
}

export class AssignTaskDto {
  @ApiProperty({ description: 'A caseworker of your own organisation' })
  @IsUUID()
  assigneeId!: string;
}

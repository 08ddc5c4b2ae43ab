import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MaxLength, MinLength } from 'class-validator';
import { IsText } from '@schakel/http';

export class ModelProblemDto {
  @ApiProperty({
    example: 'unreachable-step',
    description: 'See docs/reference-model.md for every code',
  })
  code!: string;

  @ApiProperty({ example: '/steps/3', description: 'JSON pointer into the model' })
  path!: string;

  @ApiProperty({ example: "step 'aftercare' cannot be reached from the start" })
  message!: string;

  @ApiPropertyOptional({ description: '1-based line in the submitted text' })
  line?: number;

  @ApiPropertyOptional()
  column?: number;
}

export class DraftDto {
  @ApiProperty() chainId!: string;
  @ApiProperty() chainName!: string;
  @ApiProperty({ enum: ['yaml', 'json'] }) sourceFormat!: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) basedOnVersion!: number | null;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ description: 'True when the draft can be published as it is' }) valid!: boolean;
  @ApiProperty({ type: [ModelProblemDto] }) problems!: ModelProblemDto[];
}

export class ValidationReportDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: [ModelProblemDto] }) problems!: ModelProblemDto[];
}

export class ModelVersionDto {
  @ApiProperty() chainId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() chainName!: string;
  @ApiProperty({ type: [String] }) partnerIds!: string[];
  @ApiProperty({ enum: ['published', 'retired'] }) status!: string;
  @ApiProperty() publishedAt!: Date;
  @ApiProperty() publishedBy!: string;
  @ApiPropertyOptional({ nullable: true, type: Date }) retiredAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) retireReason!: string | null;
}

export class ChainModelsDto {
  @ApiProperty() chainId!: string;
  @ApiProperty() chainName!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'The version new cases start on',
  })
  currentVersion!: number | null;
  @ApiProperty({ type: [ModelVersionDto] }) versions!: ModelVersionDto[];
}

export class RetireVersionDto {
  @ApiProperty({ example: 'Replaced by version 3 after the covenant was renewed' })
  @IsText()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;
}

export const MODEL_BODY_DESCRIPTION =
  'The reference model as YAML (Content-Type application/yaml or text/yaml) or JSON (application/json). See docs/reference-model.md.';

/** Any JSON value: a model property may be text, a number, a list or an object. */
const ANY_VALUE = {
  nullable: true,
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: {} },
    { type: 'object', additionalProperties: true },
  ],
};

export class PropertyChangeDto {
  @ApiProperty() property!: string;
  @ApiPropertyOptional({
    ...ANY_VALUE,
    description: 'The value before; absent when the property was added',
  })
  before?: unknown;
  @ApiPropertyOptional({
    ...ANY_VALUE,
    description: 'The value after; absent when the property was removed',
  })
  after?: unknown;
}

export class ChangedItemDto {
  @ApiProperty() key!: string;
  @ApiProperty({ type: [String], description: 'Top-level properties whose value differs' })
  properties!: string[];
  @ApiProperty({ type: [PropertyChangeDto] }) changes!: PropertyChangeDto[];
}

export class CollectionDiffDto {
  @ApiProperty({ type: [String] }) added!: string[];
  @ApiProperty({ type: [String] }) removed!: string[];
  @ApiProperty({ type: [ChangedItemDto] }) changed!: ChangedItemDto[];
}

/** ModelDiff (libs/reference-model) as the API documents it. */
export class ModelDiffDto {
  @ApiProperty() partners!: CollectionDiffDto;
  @ApiProperty() fields!: CollectionDiffDto;
  @ApiProperty() steps!: CollectionDiffDto;
  @ApiProperty() gateways!: CollectionDiffDto;
  @ApiProperty() routes!: CollectionDiffDto;
  @ApiProperty() ends!: CollectionDiffDto;
  @ApiProperty({ description: 'Keyed by step id, or `case` for the case norm' })
  norms!: CollectionDiffDto;
  @ApiProperty({ description: 'True when nothing differs, including chain, intake and escalation' })
  identical!: boolean;
}

import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { isCivilDate } from '@schakel/calendar';
import { EARLIEST_DATE, LATEST_DATE, MAX_INT32 } from '@schakel/http';

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** A real calendar date written as YYYY-MM-DD, from EARLIEST_DATE to LATEST_DATE. */
const IsCivilDate = () =>
  ValidateBy({
    name: 'isCivilDate',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        isCivilDate(value) &&
        value >= EARLIEST_DATE &&
        value <= LATEST_DATE,
      defaultMessage: (args) =>
        `${args?.property} must be a date written as YYYY-MM-DD, from ${EARLIEST_DATE} to ${LATEST_DATE}`,
    },
  });

/** The filters every KPI takes. Days are Amsterdam days; `to` is included. */
export class KpiQueryDto {
  @ApiPropertyOptional({
    example: '2025-01-01',
    description: 'First day (default: 364 days before `to`)',
  })
  @IsOptional()
  @IsCivilDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2025-12-31',
    description: 'Last day, included (default: today)',
  })
  @IsOptional()
  @IsCivilDate()
  to?: string;

  @ApiPropertyOptional({ example: 'vroegsignalering-schuldhulp' })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'chainId must be a chain id such as vroegsignalering-schuldhulp' })
  @MaxLength(64)
  chainId?: string;

  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: MAX_INT32 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  modelVersion?: number;

  @ApiPropertyOptional({ example: 'gemeente' })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'partnerId must be an organisation id such as gemeente' })
  @MaxLength(64)
  partnerId?: string;

  @ApiPropertyOptional({ example: 'outreach' })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'stepId must be a step id such as outreach' })
  @MaxLength(64)
  stepId?: string;
}

export class ThroughputQueryDto extends KpiQueryDto {
  @ApiPropertyOptional({
    enum: ['day', 'week'],
    default: 'day',
    description: 'ISO weeks start on Monday',
  })
  @IsOptional()
  @IsIn(['day', 'week'])
  interval: 'day' | 'week' = 'day';
}

/** Work in progress is a snapshot of now: no period. */
export class WorkInProgressQueryDto extends OmitType(KpiQueryDto, ['from', 'to'] as const) {}

/** The scorecard is one partner's, named in the path. */
export class ScorecardQueryDto extends OmitType(KpiQueryDto, ['partnerId'] as const) {}

/** The export takes one chain (required) and the same period as the KPIs. */
export class EventLogQueryDto extends PickType(KpiQueryDto, ['from', 'to'] as const) {
  @ApiProperty({ example: 'vroegsignalering-schuldhulp' })
  @IsString()
  @Matches(ID, { message: 'chainId must be a chain id such as vroegsignalering-schuldhulp' })
  @MaxLength(64)
  chainId!: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class CaseFlagDto {
  @ApiProperty({ example: '12' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({
    enum: ['projection-rejected', 'drift'],
    description:
      'projection-rejected: the read side refused a transition for good and the workflow did not make it; drift: the reconciler found rows that disagreed with the workflow',
  })
  kind!: string;

  @ApiProperty({
    example: '23514',
    description: 'SQLSTATE for a refused projection; rows, events or workflow-missing for drift',
  })
  code!: string;

  @ApiProperty({
    description: 'Ids, codes, table and constraint names — never case data',
    type: 'object',
    additionalProperties: true,
  })
  detail!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  raisedAt!: string;

  @ApiProperty({ description: 'How often the same problem was seen while the flag was open' })
  occurrences!: number;

  @ApiProperty({ description: 'The reconciler already repaired the rows' })
  repaired!: boolean;
}

export class ResolveCaseFlagDto {
  @ApiProperty({ example: 'Fixed by release 1.4.2; case re-projected', maxLength: 2000 })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CASE_ACTION_NAMES,
  REFUSAL_CODES,
  type ActionVerdict,
  type CaseActionName,
  type RefusalCode,
} from '@schakel/contracts';

/**
 * One action the caller may take now, or may not with the reason the server would refuse it with
 * (docs/api-contract.md, "Allowed actions"). An action that is absent does not apply to the caller.
 */
export class ActionDto implements ActionVerdict {
  @ApiProperty({ enum: CASE_ACTION_NAMES, example: 'return' }) action!: CaseActionName;
  @ApiProperty({ description: 'The server accepts it now (given valid input)' }) allowed!: boolean;
  @ApiPropertyOptional({
    enum: REFUSAL_CODES,
    example: 'no-handover-to-return',
    description: 'Why it is not allowed: the `code` a request would be refused with',
  })
  reason?: RefusalCode;
  @ApiPropertyOptional({ description: 'The task it acts on' }) taskKey?: string;
  @ApiPropertyOptional({ description: 'The step it reopens (`reopen`)' }) stepId?: string;
}

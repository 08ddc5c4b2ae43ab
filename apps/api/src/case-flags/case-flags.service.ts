import { Injectable, NotFoundException } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { caseWorkflowId, releaseHoldSignal } from '@schakel/contracts';
import { CaseFlagRepository, type CaseFlag } from '@schakel/database';
import type { AuthenticatedUser } from '@schakel/identity';

/** Operators' view of cases that need a look: refused projections and drift the reconciler found. */
@Injectable()
export class CaseFlagsService {
  constructor(
    private readonly flags: CaseFlagRepository,
    private readonly temporal: Client,
  ) {}

  list(limit: number, offset: number): Promise<CaseFlag[]> {
    return this.flags.listOpen(limit, offset);
  }

  /**
   * Closes the flag and releases the case's clocks, which a refused timed transition held: the
   * workflow then tries that transition again (after the fix that made the read side accept it).
   */
  async resolve(id: string, reason: string, user: AuthenticatedUser): Promise<void> {
    const caseId = await this.flags.resolve(id, user.id, reason);
    if (!caseId) throw new NotFoundException(`No open case flag ${id}`);
    await this.temporal.workflow
      .getHandle(caseWorkflowId(caseId))
      .signal(releaseHoldSignal)
      .catch(() => undefined); // The case may have ended meanwhile: nothing to release then.
  }
}

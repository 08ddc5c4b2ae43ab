import { Injectable } from '@nestjs/common';
import type { CaseActivities as CaseActivityContract, CaseProjection } from '@schakel/contracts';
import { CaseProjectionRepository } from '@schakel/database';

/** Keeps the read side (cases, tasks, participants, event log) in step with the case workflows. */
@Injectable()
export class CaseActivities implements CaseActivityContract {
  constructor(private readonly projections: CaseProjectionRepository) {}

  async projectCase(projection: CaseProjection): Promise<void> {
    await this.projections.apply(projection);
  }
}

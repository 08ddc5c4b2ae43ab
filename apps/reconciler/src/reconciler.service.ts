import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Server } from 'node:http';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { EnvironmentVariables } from '@schakel/config';
import {
  caseWorkflowId,
  readSideQuery,
  resyncReadSideUpdate,
  type ReadSideExpectation,
} from '@schakel/contracts';
import { CaseFlagRepository, ReconciliationRepository, type ReadSideRows } from '@schakel/database';
import { startProcessHealthServer } from '@schakel/http';
import { driftBetween, type Drift } from './drift';

const PAGE = 200;
/** A case busy projecting is looked at again after this pause, within the same sweep. */
const IN_FLIGHT_RETRY_MS = 1_000;

export interface SweepReport {
  checked: number;
  drifted: number;
  repaired: number;
  /** Still projecting twice in a row: left for the next sweep. */
  skipped: number;
  /** The workflow did not answer (no worker, server down): left for the next sweep. */
  unreachable: number;
}

const emptyReport = (): SweepReport => ({
  checked: 0,
  drifted: 0,
  repaired: 0,
  skipped: 0,
  unreachable: 0,
});

/** A repair waits this long for the workflow; a case that cannot answer now is tried next sweep. */
const REPAIR_DEADLINE_MS = 15_000;

/**
 * Compares every open case's workflow (the truth) with its read-side rows. Row drift (a task row
 * missing or disagreeing, a case status) is repaired by asking the workflow to re-project its whole
 * state — through the workflow, so the repair is ordered with its own transitions. Event-log drift
 * and cases without a workflow cannot be repaired from here: they are flagged for an operator.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<SweepReport>;
  private lastSweep?: { at: string; report?: SweepReport; error?: string };
  private health?: Server;

  constructor(
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
    private readonly temporal: Client,
    private readonly rows: ReconciliationRepository,
    private readonly flags: CaseFlagRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.env.RECONCILE_INTERVAL_SECONDS * 1000);
    this.health = startProcessHealthServer(this.env.HEALTH_PORT, () => ({
      ok: !this.lastSweep?.error,
      detail: { lastSweep: this.lastSweep ?? null },
    }));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.health?.close();
    await this.sweeping?.catch(() => undefined);
  }

  /** One pass over all open cases; a pass already running is joined, not doubled. */
  sweep(): Promise<SweepReport> {
    this.sweeping ??= this.sweepAll()
      .then((report) => {
        this.lastSweep = { at: new Date().toISOString(), report };
        if (report.drifted) this.logger.warn(report, 'Reconciler found drift');
        return report;
      })
      .catch((error: unknown) => {
        this.lastSweep = { at: new Date().toISOString(), error: (error as Error).name };
        this.logger.error({ err: (error as Error).name }, 'Reconciler sweep failed');
        throw error;
      })
      .finally(() => {
        this.sweeping = undefined;
      });
    return this.sweeping;
  }

  private async sweepAll(): Promise<SweepReport> {
    const report = emptyReport();
    let after: string | null = null;
    for (;;) {
      const ids = await this.rows.openCaseIds(after, PAGE);
      await this.reconcileAll(ids, report);
      if (ids.length < PAGE) return report;
      after = ids[ids.length - 1];
    }
  }

  /** These cases only (an operator's "check this case", or a test), outside the periodic sweep. */
  async reconcileCases(caseIds: string[]): Promise<SweepReport> {
    const report = emptyReport();
    await this.reconcileAll(caseIds, report);
    return report;
  }

  private async reconcileAll(caseIds: string[], report: SweepReport): Promise<void> {
    for (const caseId of caseIds) {
      try {
        await this.reconcile(caseId, report);
      } catch (error) {
        // One case's workflow not answering must not stop the sweep over the others.
        report.unreachable += 1;
        this.logger.warn({ caseId, err: (error as Error).name }, 'Case not reconciled');
      }
    }
  }

  private async reconcile(caseId: string, report: SweepReport): Promise<void> {
    report.checked += 1;
    const observed = await this.observe(caseId);
    if (observed === 'in-flight') {
      report.skipped += 1;
      return;
    }
    const drift = observed === 'no-workflow' ? ({ kind: 'workflow-missing' } as Drift) : observed;
    if (!drift) return;
    report.drifted += 1;
    const repairable = drift.kind === 'rows';
    const repaired = repairable && (await this.repair(caseId));
    if (repaired) report.repaired += 1;
    await this.flags.raise(caseId, 'drift', drift.kind, { ...drift }, repaired);
  }

  /** The drift between workflow and rows, if any; twice in-flight counts as busy, not drift. */
  private async observe(caseId: string): Promise<Drift | null | 'in-flight' | 'no-workflow'> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const [expected, rows] = await Promise.all([
        this.expectation(caseId),
        this.rows.rowsOf(caseId),
      ]);
      if (expected === null) return 'no-workflow';
      if (expected.inFlight) {
        await new Promise((done) => setTimeout(done, IN_FLIGHT_RETRY_MS));
        continue;
      }
      return driftBetween(expected, rows as ReadSideRows);
    }
    return 'in-flight';
  }

  private async expectation(caseId: string): Promise<ReadSideExpectation | null> {
    try {
      return await this.temporal.workflow.getHandle(caseWorkflowId(caseId)).query(readSideQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      throw error;
    }
  }

  private async repair(caseId: string): Promise<boolean> {
    await this.temporal.withDeadline(Date.now() + REPAIR_DEADLINE_MS, () =>
      this.temporal.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(resyncReadSideUpdate),
    );
    const [expected, rows] = await Promise.all([
      this.expectation(caseId),
      this.rows.rowsOf(caseId),
    ]);
    return expected !== null && driftBetween(expected, rows as ReadSideRows) === null;
  }
}

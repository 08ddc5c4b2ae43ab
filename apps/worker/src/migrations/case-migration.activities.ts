import { Inject, Injectable, Logger } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { EnvironmentVariables } from '@schakel/config';
import {
  CASE_FAILURE,
  caseWorkflowId,
  migrateCaseUpdate,
  migrationUpdateId,
  type CaseMigrationActivities as CaseMigrationActivityContract,
  type CaseMigrationView,
  type FailureProblem,
  type MigrateCaseInput,
  type MigrationBatchInput,
  type MigrationBatchResult,
  type MigrationRunInput,
} from '@schakel/contracts';
import {
  CaseMigrationRepository,
  ModelRepository,
  type MigrationRunEntity,
  type NewAuditEntry,
} from '@schakel/database';

/** A case's answer with the status its audit line records. */
interface Settled {
  view: CaseMigrationView;
  statusCode: number;
}

/**
 * The migration driver's activities: they send each selected case its migration Update through the
 * Temporal client, as the API does any other Update, and keep the run's record and audit trail.
 */
@Injectable()
export class CaseMigrationActivities implements CaseMigrationActivityContract {
  private readonly logger = new Logger(CaseMigrationActivities.name);

  constructor(
    private readonly migrations: CaseMigrationRepository,
    private readonly models: ModelRepository,
    private readonly temporal: Client,
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
  ) {}

  pendingMigrationBatches({ runId }: MigrationRunInput): Promise<number[]> {
    return this.migrations.pendingBatches(runId);
  }

  async migrateCaseBatch({
    runId,
    chainId,
    batch,
  }: MigrationBatchInput): Promise<MigrationBatchResult> {
    const run = await this.run(chainId, runId);
    const request = await this.request(run);
    const result: MigrationBatchResult = { migrated: 0, alreadyMigrated: 0, refused: 0 };
    for (const row of await this.migrations.batchCases(runId, batch)) {
      const context = Context.current();
      context.heartbeat(row.caseId);
      // A worker shutting down cancels the batch between cases; the retry skips what is settled.
      if (context.cancellationSignal.aborted) await context.cancelled;
      if (row.outcome !== 'pending') continue;
      const { view, statusCode } = await this.migrate(row.caseId, request);
      const recorded = await this.migrations.settleCase(
        runId,
        row.caseId,
        view.outcome === 'migratable' ? 'migrated' : view.outcome,
        view,
        auditLine(run, `cases/${row.caseId}`, statusCode, row.caseId),
      );
      if (!recorded) continue;
      if (view.outcome === 'migrated') result.migrated += 1;
      else if (view.outcome === 'already-migrated') result.alreadyMigrated += 1;
      else result.refused += 1;
    }
    await this.migrations.finishBatch(runId, batch, auditLine(run, `batches/${batch}`, 200, null));
    this.logger.log({ runId, batch, ...result }, 'Migration batch settled');
    return result;
  }

  async finishMigrationRun({ runId }: MigrationRunInput): Promise<void> {
    await this.migrations.finishRun(runId);
  }

  private async run(chainId: string, runId: string): Promise<MigrationRunEntity> {
    const run = await this.migrations.findRun(chainId, runId);
    if (!run) {
      throw ApplicationFailure.nonRetryable(`Migration run ${runId} of ${chainId} does not exist`);
    }
    return run;
  }

  private async request(run: MigrationRunEntity): Promise<MigrateCaseInput> {
    const [plan, target] = await Promise.all([
      this.migrations.findPlan(run.chainId, run.planId),
      this.models.findVersion(run.chainId, run.toVersion, { organisationId: null }),
    ]);
    if (!plan || !target) {
      throw ApplicationFailure.nonRetryable(`The plan or version of run ${run.id} is gone`);
    }
    return {
      migrationId: run.id,
      fromVersion: run.fromVersion,
      toVersion: run.toVersion,
      model: target.document,
      mapping: plan.mapping,
      actor: {
        userId: run.startedBy,
        role: run.startedByRole as MigrateCaseInput['actor']['role'],
        organisationId: null,
      },
      reason: run.reason,
    };
  }

  /**
   * The case's answer to its Update. A case that refuses (validator or handler: closed, on another
   * version, the plan cannot carry it) or has no workflow any more is settled as refused; anything
   * else (the engine unreachable) fails the activity, which is retried.
   */
  private async migrate(caseId: string, request: MigrateCaseInput): Promise<Settled> {
    const handle = this.temporal.workflow.getHandle(caseWorkflowId(caseId));
    const refused = (statusCode: number, problems: FailureProblem[]): Settled => ({
      statusCode,
      view: {
        caseId,
        outcome: 'refused',
        fromVersion: request.fromVersion,
        toVersion: request.toVersion,
        problems,
        tasks: [],
      },
    });
    // Bounded, and given up when the batch is cancelled (a worker shutting down): the retry sends
    // the same Update, which answers as before. A signal per case, so none collects listeners.
    const batch = Context.current().cancellationSignal;
    const call = new AbortController();
    const abort = () => call.abort();
    batch.addEventListener('abort', abort, { once: true });
    try {
      const view = await this.temporal.withAbortSignal(call.signal, () =>
        this.temporal.withDeadline(Date.now() + this.env.UPDATE_DEADLINE_MS, () =>
          handle.executeUpdate(migrateCaseUpdate, {
            args: [request],
            updateId: migrationUpdateId(request.migrationId),
          }),
        ),
      );
      return { view, statusCode: 200 };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        return refused(409, [
          { code: 'case-ended', message: 'The case has ended; it has no workflow to migrate' },
        ]);
      }
      const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
      if (!(cause instanceof ApplicationFailure)) throw error;
      const problems = (cause.details?.[0] ?? []) as FailureProblem[];
      const statusCode = cause.type === CASE_FAILURE.conflict ? 409 : 422;
      return refused(
        statusCode,
        problems.length ? problems : [{ code: cause.type ?? 'refused', message: cause.message }],
      );
    } finally {
      batch.removeEventListener('abort', abort);
    }
  }
}

/**
 * An audit line of the run, on behalf of the owner who started it: one per case and one per batch.
 * The owner's reason is the run's (its text is read in each case's timeline by its audience).
 */
function auditLine(
  run: MigrationRunEntity,
  what: string,
  statusCode: number,
  caseId: string | null,
): NewAuditEntry {
  const [kind] = what.split('/');
  return {
    requestId: run.id,
    actorId: run.startedBy,
    actorRole: run.startedByRole,
    actorOrganisation: null,
    method: 'MIGRATE',
    route: `/models/:chainId/migration-runs/:runId/${kind}/:${kind === 'cases' ? 'caseId' : 'batch'}`,
    path: `/models/${run.chainId}/migration-runs/${run.id}/${what}`,
    caseId,
    statusCode,
    reason: null,
    reasonGiven: true,
  };
}

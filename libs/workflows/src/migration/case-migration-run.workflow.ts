import { log, proxyActivities } from '@temporalio/workflow';
import type { CaseMigrationActivities, MigrationRunInput } from '@schakel/contracts';

// Reading and closing the run are short and idempotent: plain retries.
const { pendingMigrationBatches, finishMigrationRun } = proxyActivities<CaseMigrationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// A batch sends one Update per case and may take minutes; it heartbeats per case, so a worker that
// died is noticed within the heartbeat timeout and the batch is retried elsewhere. Retrying is safe
// (settled cases are skipped, a repeated Update answers as before), so it is retried for as long
// as it takes.
const { migrateCaseBatch } = proxyActivities<CaseMigrationActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One migration run, from its first pending batch to the last: the durable driver that makes a run
 * resumable. After a crash the workflow replays to where it was and carries on with the batch it
 * was in; nothing is migrated twice because each case's Update is idempotent per run.
 */
export async function caseMigrationRunWorkflow(input: MigrationRunInput): Promise<void> {
  const batches = await pendingMigrationBatches(input);
  for (const batch of batches) {
    const result = await migrateCaseBatch({ ...input, batch });
    log.info('Migration batch done', { runId: input.runId, batch, ...result });
  }
  await finishMigrationRun(input);
}

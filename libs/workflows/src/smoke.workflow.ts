import { log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { SmokeActivities, SmokeInput, SmokeResult } from '@schakel/contracts';

// Read-only and idempotent, so plain retries are safe; a short timeout keeps the smoke check honest.
const { describeWorker } = proxyActivities<SmokeActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

export async function smokeWorkflow(input: SmokeInput): Promise<SmokeResult> {
  log.info('Smoke workflow started', { requestedBy: input.requestedBy });
  const worker = await describeWorker(input);
  return { message: input.message, workflowId: workflowInfo().workflowId, ...worker };
}

import { readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { recordedHistories } from './support/histories';
import { WORKFLOW_BUNDLE_FILE } from './support/test-environment';

/**
 * Replays recorded histories of the three example chains against the current workflow code: a
 * change that would make running cases take another path (non-determinism) fails here.
 */
describe('replay of recorded case histories', () => {
  const histories = recordedHistories();

  it('has a recorded history of each example chain', () => {
    expect(histories.map((entry) => entry.workflowId)).toEqual([
      'huiselijk-geweld-jeugdbescherming',
      'vroegsignalering-schuldhulp',
      'wmo-maatwerk',
    ]);
  });

  it.each(histories.map((entry) => [entry.workflowId, entry]))(
    'replays %s deterministically',
    async (_name, entry) => {
      const bundle = { code: readFileSync(WORKFLOW_BUNDLE_FILE, 'utf8') };
      await expect(
        Worker.runReplayHistory({ workflowBundle: bundle }, entry.history, entry.workflowId),
      ).resolves.toBeUndefined();
    },
  );
});

import { readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { encryptedDataConverter, ENCRYPTED_ENCODING } from '@schakel/temporal';
import { recordedHistories, unencryptedPayloads } from './support/histories';
import { testKeyring, WORKFLOW_BUNDLE_FILE } from './support/test-environment';

/**
 * Replays recorded histories of the three example chains (and of a case that runs its case norm
 * with dates in the case) against the current workflow code: a
 * change that would make running cases take another path (non-determinism) fails here. The
 * histories are encrypted as production's are (with the public test keys), so replay goes through
 * the payload codec like a worker picking up a running case does.
 */
describe('replay of recorded case histories', () => {
  const histories = recordedHistories();
  const bundle = () => ({ code: readFileSync(WORKFLOW_BUNDLE_FILE, 'utf8') });

  it('has a recorded history of each example chain, of a case running its case norm and dates, and of a migrated case', () => {
    expect(histories.map((entry) => entry.workflowId)).toEqual([
      'huiselijk-geweld-jeugdbescherming',
      'migrated-vroegsignalering-schuldhulp',
      // test/case-dates.e2e-spec.ts: enforcesCaseNorm, date anchors moved, case-overdue (issue 15).
      'nazorg-case-norm-and-dates',
      'vroegsignalering-schuldhulp',
      'wmo-maatwerk',
    ]);
    // The migrated case took its migration Update halfway and ran on to its end (issue 16).
    const migrated = histories.find((e) => e.workflowId === 'migrated-vroegsignalering-schuldhulp');
    const updates = (migrated?.history.events ?? []).map(
      (event) => event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name,
    );
    expect(updates).toContain('migrateCaseUpdate');
    expect(updates.indexOf('migrateCaseUpdate')).toBeLessThan(
      updates.lastIndexOf('completeTaskUpdate'),
    );
  });

  it('holds every payload encrypted: no case data in the clear', () => {
    for (const { file, history } of histories) {
      expect(history.events?.length).toBeGreaterThan(10);
      expect(unencryptedPayloads(history)).toEqual([]);
      const bytes = readFileSync(file);
      expect(bytes.includes(ENCRYPTED_ENCODING)).toBe(true);
      for (const clientName of ['J. de Vries', 'A. Jansen', 'P. de Groot']) {
        expect(bytes.includes(clientName)).toBe(false);
      }
    }
  });

  it.each(histories.map((entry) => [entry.workflowId, entry]))(
    'replays %s deterministically through the codec',
    async (_name, entry) => {
      await expect(
        Worker.runReplayHistory(
          { workflowBundle: bundle(), dataConverter: encryptedDataConverter(testKeyring()) },
          entry.history,
          entry.workflowId,
        ),
      ).resolves.toBeUndefined();
    },
  );

  it('cannot replay without the key: the payloads really are encrypted', async () => {
    const [entry] = histories;
    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle() }, entry.history, entry.workflowId),
    ).rejects.toThrow();
  });
});

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { caseWorkflowId } from '@schakel/contracts';
import { ENCRYPTED_ENCODING, historyPayloads } from '@schakel/temporal';
import { REPOSITORY_ROOT } from './test-environment';
import type { TestStack } from './test-stack';

export const HISTORIES_DIR = join(REPOSITORY_ROOT, 'test/fixtures/histories');

/**
 * Saves a finished case's event history as a replay fixture, when RECORD_HISTORIES=1 (see
 * docs/workflows.md: re-record only when a change is meant to be incompatible, behind a patch).
 * The history is saved as the server holds it: encrypted with the test keys of the test environment.
 */
export async function recordHistory(stack: TestStack, caseId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await stack.api
    .get(Client)
    .workflow.getHandle(caseWorkflowId(caseId))
    .fetchHistory();
  mkdirSync(HISTORIES_DIR, { recursive: true });
  // Binary protobuf: the exact bytes the server sent, independent of JSON mapping quirks.
  writeFileSync(
    join(HISTORIES_DIR, `${name}.history.pb`),
    temporal.api.history.v1.History.encode(history).finish(),
  );
}

export function recordedHistories(): {
  workflowId: string;
  file: string;
  history: temporal.api.history.v1.IHistory;
}[] {
  return readdirSync(HISTORIES_DIR)
    .filter((file) => file.endsWith('.history.pb'))
    .sort()
    .map((name) => join(HISTORIES_DIR, name))
    .map((file) => ({
      workflowId: basename(file).replace(/\.history\.pb$/, ''),
      file,
      history: temporal.api.history.v1.History.decode(readFileSync(file)),
    }));
}

/**
 * Where a history holds a payload that is not encrypted, as paths like `events.3.…data.payloads.0`.
 * Three kinds are plain by design and skipped: search attributes (process data, indexed by the
 * server), the bookkeeping Temporal's core records beside a local activity's encrypted result, and
 * a patch marker's patch id (`durable-projection`: a name in the code, docs/workflows.md).
 */
export function unencryptedPayloads(history: temporal.api.history.v1.IHistory): string[] {
  return historyPayloads(history)
    .filter(
      ({ path }) =>
        !/\.searchAttributes\.|\.markerRecordedEventAttributes\.details\.(data|patch-data)\./.test(
          path,
        ),
    )
    .filter(
      ({ payload }) =>
        Buffer.from(payload.metadata?.encoding ?? []).toString() !== ENCRYPTED_ENCODING,
    )
    .map(({ path }) => path);
}

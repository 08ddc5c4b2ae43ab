import type { Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';

export interface LocatedPayload {
  /** Where in the history, e.g. `events.0.workflowExecutionStartedEventAttributes.input.payloads.0`. */
  path: string;
  payload: Payload;
}

/**
 * Every payload in a workflow history, wherever an event holds one (inputs, results, failures,
 * markers, search attributes): for checking what a history reveals and measuring the codec.
 */
export function historyPayloads(history: temporal.api.history.v1.IHistory): LocatedPayload[] {
  const found: LocatedPayload[] = [];
  const visit = (value: unknown, path: string): void => {
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
    const candidate = value as Payload;
    if (candidate.metadata && 'encoding' in candidate.metadata) {
      found.push({ path, payload: candidate });
      return;
    }
    for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`);
  };
  (history.events ?? []).forEach((event, index) => visit(event, `events.${index}`));
  return found;
}

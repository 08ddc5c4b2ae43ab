import { Client, type Connection } from '@temporalio/client';
import { summarise, type LatencySummary } from './stats';

/** What one workflow cost the engine, per handover, read back from its Temporal history. */
export interface HistoryProfile {
  workflows: number;
  handoversPerWorkflow: number;
  /** History events per handover, by kind (WorkflowTaskCompleted, ActivityTaskScheduled, …). */
  eventsPerHandover: Record<string, number>;
  historyEventsPerWorkflow: number;
  historyBytesPerWorkflow: number;
  /** Payload bytes per workflow, by event kind (the start input, update arguments, activity input…). */
  payloadBytesPerWorkflow: Record<string, number>;
  /** Update accepted → completed, as recorded by the server. */
  updateMs: LatencySummary;
  /** Activity scheduled → completed. */
  activityMs: LatencySummary;
  /** Workflow task scheduled → started: waiting for a worker to poll it. */
  workflowTaskQueueMs: LatencySummary;
  /** Workflow task started → completed: time in the worker, local activities included. */
  workflowTaskWorkerMs: LatencySummary;
}

type Attributes = Record<string, unknown>;
type HistoryEvent = {
  eventId?: unknown;
  eventTime?: { seconds?: unknown; nanos?: number | null };
} & Attributes;

const toNumber = (value: unknown): number =>
  typeof value === 'number' ? value : Number((value as { toString(): string } | null) ?? 0);

const millisecondsOf = (event: HistoryEvent): number =>
  toNumber(event.eventTime?.seconds) * 1000 + (event.eventTime?.nanos ?? 0) / 1e6;

/** The event's kind from the attribute field that is set, e.g. `activityTaskScheduled`. */
function kindOf(event: HistoryEvent): [string, Attributes] {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventAttributes') && value) {
      const kind = key.slice(0, -'EventAttributes'.length);
      return [kind.charAt(0).toUpperCase() + kind.slice(1), value as Attributes];
    }
  }
  return ['Unknown', {}];
}

function payloadBytes(value: unknown, depth = 0): number {
  if (value instanceof Uint8Array) return value.length;
  if (!value || typeof value !== 'object' || depth > 8) return 0;
  return Object.values(value).reduce<number>(
    (sum, child) => sum + payloadBytes(child, depth + 1),
    0,
  );
}

const perUnit = (totals: Map<string, number>, divisor: number) =>
  Object.fromEntries(
    [...totals]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, total]) => [kind, Math.round((total / divisor) * 100) / 100]),
  );

const add = (totals: Map<string, number>, kind: string, amount: number) =>
  totals.set(kind, (totals.get(kind) ?? 0) + amount);

/** Reads the histories of finished workflows and sums what each handover cost. */
export async function profileHistories(
  connection: Connection,
  workflowIds: string[],
  handoversPerWorkflow: number,
): Promise<HistoryProfile> {
  const client = new Client({ connection });
  const events = new Map<string, number>();
  const payloads = new Map<string, number>();
  const updates: number[] = [];
  const activities: number[] = [];
  const taskQueue: number[] = [];
  const taskWorker: number[] = [];
  let historyEvents = 0;
  let historyBytes = 0;
  for (const workflowId of workflowIds) {
    const handle = client.workflow.getHandle(workflowId);
    const [history, description] = await Promise.all([handle.fetchHistory(), handle.describe()]);
    historyEvents += description.historyLength;
    historyBytes += description.historySize ?? 0;
    const opened = new Map<number, number>();
    for (const event of (history.events ?? []) as HistoryEvent[]) {
      const [kind, attributes] = kindOf(event);
      add(events, kind, 1);
      add(payloads, kind, payloadBytes(attributes));
      const at = millisecondsOf(event);
      if (
        kind === 'WorkflowExecutionUpdateAccepted' ||
        kind === 'ActivityTaskScheduled' ||
        kind === 'WorkflowTaskScheduled' ||
        kind === 'WorkflowTaskStarted'
      ) {
        opened.set(toNumber(event.eventId), at);
      } else if (kind === 'WorkflowExecutionUpdateCompleted') {
        updates.push(at - (opened.get(toNumber(attributes.acceptedEventId)) ?? at));
      } else if (kind === 'ActivityTaskCompleted') {
        activities.push(at - (opened.get(toNumber(attributes.scheduledEventId)) ?? at));
      }
      if (kind === 'WorkflowTaskStarted') {
        taskQueue.push(at - (opened.get(toNumber(attributes.scheduledEventId)) ?? at));
      } else if (kind === 'WorkflowTaskCompleted') {
        taskWorker.push(at - (opened.get(toNumber(attributes.startedEventId)) ?? at));
      }
    }
  }
  const count = Math.max(1, workflowIds.length);
  return {
    workflows: workflowIds.length,
    handoversPerWorkflow,
    eventsPerHandover: perUnit(events, count * handoversPerWorkflow),
    historyEventsPerWorkflow: Math.round(historyEvents / count),
    historyBytesPerWorkflow: Math.round(historyBytes / count),
    payloadBytesPerWorkflow: Object.fromEntries(
      Object.entries(perUnit(payloads, count)).filter(([, bytes]) => bytes > 0),
    ),
    updateMs: summarise(updates),
    activityMs: summarise(activities),
    workflowTaskQueueMs: summarise(taskQueue),
    workflowTaskWorkerMs: summarise(taskWorker),
  };
}

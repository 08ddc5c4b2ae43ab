import type { EventLogCase, EventLogEntry, EventLogPartner, EventLogTask } from '@schakel/database';
import { activityOf, lifecycleOf } from './event-vocabulary';

/** Object attributes that do not change in this log carry the epoch as their time (OCEL 2.0). */
const STATIC = '1970-01-01T00:00:00.000Z';

export const caseObjectId = (caseId: string) => `case:${caseId}`;
export const taskObjectId = (caseId: string, taskKey: string) => `task:${caseId}:${taskKey}`;
export const partnerObjectId = (partnerId: string) => `partner:${partnerId}`;

type Value = string | number | null;

const objectAttributes = (values: Record<string, Value>) =>
  Object.entries(values)
    .filter(([, value]) => value !== null)
    .map(([name, value]) => ({ name, time: STATIC, value }));

const EVENT_ATTRIBUTES = [
  'lifecycle',
  'eventType',
  'outcome',
  'reasonCategory',
  'actorRole',
  'modelVersion',
] as const;

/**
 * Writes an event log as OCEL 2.0 JSON, chunk by chunk: cases, tasks and partners are the objects.
 * Objects and events stream first; the type lists, known only once everything is written, close the
 * document (JSON does not order an object's keys).
 */
export class OcelWriter {
  private written = 0;
  private readonly eventTypes = new Set<string>();

  start(): string {
    return '{"objects":[';
  }

  partners(partners: readonly EventLogPartner[]): string {
    return this.items(
      partners.map((partner) => ({
        id: partnerObjectId(partner.id),
        type: 'partner',
        attributes: objectAttributes({ name: partner.name }),
      })),
    );
  }

  cases(cases: readonly EventLogCase[]): string {
    return this.items(
      cases.map((kase) => ({
        id: caseObjectId(kase.id),
        type: 'case',
        attributes: objectAttributes({
          modelVersion: kase.modelVersion,
          category: kase.category,
          intensity: kase.intensity,
          status: kase.status,
          result: kase.result,
          openedAt: kase.openedAt.toISOString(),
        }),
      })),
    );
  }

  tasks(tasks: readonly EventLogTask[]): string {
    return this.items(
      tasks.map((task) => ({
        id: taskObjectId(task.caseId, task.taskKey),
        type: 'task',
        attributes: objectAttributes({
          step: task.stepId,
          stepName: task.stepName,
          iteration: task.iteration,
        }),
        relationships: [
          { objectId: caseObjectId(task.caseId), qualifier: 'part of' },
          { objectId: partnerObjectId(task.partnerId), qualifier: 'held by' },
        ],
      })),
    );
  }

  /** Ends the object list and begins the events. */
  beginEvents(): string {
    this.written = 0;
    return '],"events":[';
  }

  events(entries: readonly EventLogEntry[]): string {
    return this.items(
      entries.map((entry) => {
        const type = activityOf(entry);
        this.eventTypes.add(type);
        const values: Record<(typeof EVENT_ATTRIBUTES)[number], Value> = {
          lifecycle: lifecycleOf(entry.type),
          eventType: entry.type,
          outcome: entry.outcome,
          reasonCategory: entry.reasonCategory,
          actorRole: entry.actorRole,
          modelVersion: entry.modelVersion,
        };
        return {
          id: `event:${entry.id}`,
          type,
          time: entry.occurredAt.toISOString(),
          attributes: Object.entries(values)
            .filter(([, value]) => value !== null)
            .map(([name, value]) => ({ name, value })),
          relationships: [
            { objectId: caseObjectId(entry.caseId), qualifier: 'case' },
            ...(entry.taskKey
              ? [{ objectId: taskObjectId(entry.caseId, entry.taskKey), qualifier: 'task' }]
              : []),
            ...(entry.partnerId
              ? [{ objectId: partnerObjectId(entry.partnerId), qualifier: 'partner' }]
              : []),
          ],
        };
      }),
    );
  }

  end(): string {
    const string = (name: string) => ({ name, type: 'string' });
    const objectTypes = [
      {
        name: 'case',
        attributes: [
          { name: 'modelVersion', type: 'integer' },
          ...['category', 'intensity', 'status', 'result'].map(string),
          { name: 'openedAt', type: 'time' },
        ],
      },
      {
        name: 'task',
        attributes: [string('step'), string('stepName'), { name: 'iteration', type: 'integer' }],
      },
      { name: 'partner', attributes: [string('name')] },
    ];
    const eventTypes = [...this.eventTypes].sort().map((name) => ({
      name,
      attributes: EVENT_ATTRIBUTES.map((attribute) =>
        attribute === 'modelVersion' ? { name: attribute, type: 'integer' } : string(attribute),
      ),
    }));
    return `],"objectTypes":${JSON.stringify(objectTypes)},"eventTypes":${JSON.stringify(eventTypes)}}\n`;
  }

  /** Items of the current JSON array, comma-separated across chunks. */
  private items(items: readonly object[]): string {
    let out = '';
    for (const item of items) {
      out += `${this.written > 0 ? ',' : ''}\n${JSON.stringify(item)}`;
      this.written += 1;
    }
    return out;
  }
}

import type { EventLogEntry } from '@schakel/database';
import { activityOf, lifecycleOf } from './event-vocabulary';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const attribute = (kind: 'string' | 'date' | 'int', key: string, value: string | number) =>
  `<${kind} key="${key}" value="${escape(String(value))}"/>`;

/**
 * The standard lifecycle model has no way back from `start`: a task given back to the inbox is
 * suspended (see event-vocabulary.ts), and claiming it again resumes it rather than starting twice.
 */
function transitionOf(type: string, started: Set<string>, taskKey: string | null): string {
  if (type !== 'task.claimed' || taskKey === null) return lifecycleOf(type);
  if (started.has(taskKey)) return 'resume';
  started.add(taskKey);
  return 'start';
}

/**
 * Writes an event log as XES 2.0 (IEEE 1849-2016), chunk by chunk: events must come ordered by
 * case, so each case becomes one trace that is closed as soon as the next case starts.
 */
export class XesWriter {
  private trace: string | null = null;
  /** The task instances of the open trace that have been claimed once (`start` written). */
  private started = new Set<string>();

  constructor(private readonly logName: string) {}

  start(): string {
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<log xes.version="2.0" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">',
      '<extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>',
      '<extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>',
      '<extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>',
      '<extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>',
      // Classifier names are NCNames in the schema: no spaces.
      `<global scope="trace">${attribute('string', 'concept:name', '')}</global>`,
      `<global scope="event">${attribute('string', 'concept:name', '')}${attribute('date', 'time:timestamp', '1970-01-01T00:00:00.000Z')}${attribute('string', 'lifecycle:transition', 'complete')}</global>`,
      '<classifier name="Activity" keys="concept:name"/>',
      '<classifier name="ActivityTransition" keys="concept:name lifecycle:transition"/>',
      attribute('string', 'concept:name', this.logName),
      '',
    ].join('\n');
  }

  events(entries: readonly EventLogEntry[]): string {
    let out = '';
    for (const entry of entries) {
      if (entry.caseId !== this.trace) {
        out += this.closeTrace();
        out += `<trace>${attribute('string', 'concept:name', entry.caseId)}${attribute('int', 'schakel:modelVersion', entry.modelVersion)}\n`;
        this.trace = entry.caseId;
        this.started = new Set();
      }
      out += `<event>${this.eventAttributes(entry)}</event>\n`;
    }
    return out;
  }

  end(): string {
    return `${this.closeTrace()}</log>\n`;
  }

  private closeTrace(): string {
    if (this.trace === null) return '';
    this.trace = null;
    return '</trace>\n';
  }

  private eventAttributes(entry: EventLogEntry): string {
    const optional: [string, string | null][] = [
      // The task key (`step#n`) names the activity instance, so repetitions of a step stay apart.
      ['concept:instance', entry.taskKey],
      ['org:group', entry.partnerId],
      ['org:resource', entry.actorId],
      ['org:role', entry.actorRole],
      ['schakel:step', entry.stepId],
      ['schakel:task', entry.taskKey],
      ['schakel:outcome', entry.outcome],
      ['schakel:reasonCategory', entry.reasonCategory],
    ];
    return [
      attribute('string', 'concept:name', activityOf(entry)),
      attribute('date', 'time:timestamp', entry.occurredAt.toISOString()),
      attribute(
        'string',
        'lifecycle:transition',
        transitionOf(entry.type, this.started, entry.taskKey),
      ),
      attribute('string', 'schakel:eventType', entry.type),
      ...optional
        .filter(([, value]) => value !== null)
        .map(([key, value]) => attribute('string', key, value as string)),
    ].join('');
  }
}

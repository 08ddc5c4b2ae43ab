import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventLogEntry } from '@schakel/database';
import { validateXML } from 'xmllint-wasm';
import { OcelWriter } from './ocel-writer';
import { XesWriter } from './xes-writer';

const entry = (
  caseId: string,
  type: string,
  extra: Partial<EventLogEntry> = {},
): EventLogEntry => ({
  id: `${caseId}-${type}`,
  caseId,
  modelVersion: 1,
  type,
  taskKey: 'outreach#1',
  stepId: 'outreach',
  stepName: 'Outreach & "contact"',
  partnerId: 'gemeente',
  actorId: null,
  actorRole: 'caseworker',
  occurredAt: new Date('2025-01-06T09:00:00Z'),
  outcome: null,
  reasonCategory: null,
  ...extra,
});

describe('XES writer', () => {
  it('nests events in one trace per case across pages and escapes attribute values', () => {
    const writer = new XesWriter('chain <2025>');
    const xml =
      writer.start() +
      writer.events([entry('a', 'task.opened'), entry('a', 'task.claimed')]) +
      writer.events([
        entry('a', 'task.completed', { outcome: 'reached' }),
        entry('a', 'task.returned', { reasonCategory: 'wrong-partner' }),
        entry('b', 'case.opened', { taskKey: null, stepId: null, stepName: null, partnerId: null }),
      ]) +
      writer.end();
    expect(xml.match(/<trace>/g)).toHaveLength(2);
    expect(xml.match(/<\/trace>/g)).toHaveLength(2);
    expect(xml.match(/<event>/g)).toHaveLength(5);
    expect(xml).toContain('value="chain &lt;2025&gt;"');
    expect(xml).toContain(
      '<string key="concept:name" value="Outreach &amp; &quot;contact&quot;"/>',
    );
    expect(xml).toContain('<string key="lifecycle:transition" value="start"/>');
    expect(xml).toContain('<string key="concept:name" value="Case opened"/>');
    expect(xml).toContain('<string key="schakel:outcome" value="reached"/>');
    expect(xml).toContain('<string key="schakel:reasonCategory" value="wrong-partner"/>');
    expect(xml).toContain('<date key="time:timestamp" value="2025-01-06T09:00:00.000Z"/>');
    expect(xml.trim().endsWith('</trace>\n</log>')).toBe(true);
  });

  it('writes an empty log as a log without traces', () => {
    const writer = new XesWriter('empty');
    expect(writer.start() + writer.end()).not.toContain('<trace>');
  });

  it('follows the standard lifecycle model: an unclaim suspends, the next claim resumes', () => {
    const writer = new XesWriter('lifecycle');
    const xml = writer.events([
      entry('a', 'task.opened'),
      entry('a', 'task.claimed'),
      entry('a', 'task.unclaimed'),
      entry('a', 'task.claimed'),
      entry('a', 'task.completed'),
      entry('a', 'task.opened', { taskKey: 'outreach#2' }),
      entry('a', 'task.claimed', { taskKey: 'outreach#2' }),
    ]);
    expect(transitions(xml)).toEqual([
      'schedule',
      'start',
      'suspend',
      'resume',
      'complete',
      'schedule',
      'start',
    ]);
    expect(xml).not.toContain('withdraw');
  });

  it('tells repetitions of a step apart by concept:instance', () => {
    const xml = new XesWriter('repeat').events([
      entry('a', 'task.completed'),
      entry('a', 'task.completed', { taskKey: 'outreach#2' }),
      entry('a', 'case.closed', { taskKey: null, stepId: null, stepName: null }),
    ]);
    const instances = [...xml.matchAll(/key="concept:instance" value="([^"]*)"/g)].map((m) => m[1]);
    expect(instances).toEqual(['outreach#1', 'outreach#2']);
  });

  it('validates against the XES (IEEE 1849-2016) schema', async () => {
    const writer = new XesWriter('chain <2025>');
    const xml =
      writer.start() +
      writer.events([
        entry('a', 'task.opened'),
        entry('a', 'task.claimed', { actorId: 'u-1' }),
        entry('a', 'task.unclaimed'),
        entry('a', 'task.completed', { outcome: 'reached' }),
        entry('b', 'case.opened', { taskKey: null, stepId: null, stepName: null, partnerId: null }),
      ]) +
      writer.end();
    expect(await xesErrors(xml)).toEqual([]);
  });

  it('has a schema check that refuses what the standard does not allow', async () => {
    const valid = new XesWriter('log');
    const xml = valid.start() + valid.end();
    // The version the export used to write, and a classifier name with spaces.
    expect(await xesErrors(xml.replace('xes.version="2.0"', 'xes.version="1849-2016"'))).toEqual([
      expect.stringContaining('xes.version'),
    ]);
    expect(
      await xesErrors(xml.replace('name="ActivityTransition"', 'name="Activity and transition"')),
    ).toEqual([expect.stringContaining('name')]);
  });
});

const transitions = (xml: string) =>
  [...xml.matchAll(/key="lifecycle:transition" value="([^"]*)"/g)].map((m) => m[1]);

const XES_SCHEMA = readFileSync(join(__dirname, 'xes-ieee-1849-2016.xsd'), 'utf8');

/** xmllint's schema validation errors for a document (none when it is valid). */
async function xesErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'log.xes', contents: xml },
    schema: { fileName: 'xes.xsd', contents: XES_SCHEMA },
  });
  return result.errors.map((error) => error.message);
}

describe('OCEL 2.0 writer', () => {
  it('streams objects and events into one parseable document with the types at the end', () => {
    const writer = new OcelWriter();
    const text =
      writer.start() +
      writer.partners([{ id: 'gemeente', name: 'Gemeente' }]) +
      writer.cases([
        {
          id: 'a',
          modelVersion: 1,
          category: 'c',
          intensity: 'align',
          status: 'open',
          result: null,
          openedAt: new Date(0),
        },
      ]) +
      writer.tasks([
        {
          id: 't',
          caseId: 'a',
          taskKey: 'outreach#1',
          stepId: 'outreach',
          stepName: 'Outreach',
          partnerId: 'gemeente',
          iteration: 1,
          openedAt: new Date(0),
        },
      ]) +
      writer.beginEvents() +
      writer.events([entry('a', 'task.opened')]) +
      writer.events([entry('a', 'task.returned')]) +
      writer.end();
    const ocel = JSON.parse(text);
    expect(ocel.objects.map((o: { id: string }) => o.id)).toEqual([
      'partner:gemeente',
      'case:a',
      'task:a:outreach#1',
    ]);
    expect(ocel.events).toHaveLength(2);
    expect(ocel.events[1]).toMatchObject({
      type: 'Outreach & "contact"',
      relationships: [
        { objectId: 'case:a', qualifier: 'case' },
        { objectId: 'task:a:outreach#1', qualifier: 'task' },
        { objectId: 'partner:gemeente', qualifier: 'partner' },
      ],
    });
    expect(ocel.events[1].attributes).toContainEqual({ name: 'lifecycle', value: 'ate_abort' });
    expect(ocel.eventTypes.map((t: { name: string }) => t.name)).toEqual(['Outreach & "contact"']);
    expect(ocel.objectTypes.map((t: { name: string }) => t.name)).toEqual([
      'case',
      'task',
      'partner',
    ]);
  });
});

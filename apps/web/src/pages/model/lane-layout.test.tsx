import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReferenceModel } from '../../api/types';
import { assignColumns, assignLanes, layoutModel, ROW_HEIGHT, START_ID } from './lane-layout';

const partners = [
  { id: 'a', name: 'Partner A', roles: ['r'] },
  { id: 'b', name: 'Partner B', roles: ['r'] },
  { id: 'unused', name: 'Unused', roles: ['r'] },
];
const step = (id: string, partner: string) => ({
  id,
  name: id.toUpperCase(),
  partner,
  instructions: '',
  outcomes: [{ id: 'done', label: 'Klaar' }],
});

/** start → s1 (b) → split → s2 (a), s3 (b) → join → s4 (a) → end; s4 can loop back to s1. */
const MODEL: ReferenceModel = {
  chain: { id: 'test', name: 'Test', purpose: '' },
  partners,
  fields: [],
  steps: [step('s1', 'b'), step('s2', 'a'), step('s3', 'b'), step('s4', 'a')],
  gateways: [
    { id: 'split', type: 'parallelSplit' },
    { id: 'join', type: 'parallelJoin' },
  ],
  routes: [
    { from: START_ID, to: 's1' },
    { from: 's1', to: 'split' },
    { from: 'split', to: 's2' },
    { from: 'split', to: 's3' },
    { from: 's2', to: 'join' },
    { from: 's3', to: 'join' },
    { from: 'join', to: 's4' },
    { from: 's4', to: 's1', rework: { maxIterations: 2 } },
    { from: 's4', to: 'end' },
  ],
  ends: [{ id: 'end', name: 'Einde', result: 'solved' }],
  intake: { categories: [], form: [] },
};

describe('the reference model as swimlanes', () => {
  it('puts steps in their partner lane and the rest in the lane they come from', () => {
    expect(Object.fromEntries(assignLanes(MODEL))).toEqual({
      s1: 'b',
      s2: 'a',
      s3: 'b',
      s4: 'a',
      start: 'b',
      split: 'b',
      join: 'a',
      end: 'a',
    });
  });

  it('orders columns by the longest forward path and ignores rework loops', () => {
    expect(Object.fromEntries(assignColumns(MODEL))).toEqual({
      start: 0,
      s1: 1,
      split: 2,
      s2: 3,
      s3: 3,
      join: 4,
      s4: 5,
      end: 6,
    });
  });

  it('draws lanes in order of first involvement and leaves out partners without work', () => {
    const layout = layoutModel(MODEL);
    expect(layout.lanes.map((lane) => lane.partnerId)).toEqual(['b', 'a']);
    expect(layout.lanes[1].y).toBe(layout.lanes[0].height);
    for (const node of layout.nodes) {
      const lane = layout.lanes.find((candidate) => candidate.partnerId === node.partnerId);
      expect(lane).toBeDefined();
      expect(node.y).toBeGreaterThanOrEqual(lane!.y);
      expect(node.y + ROW_HEIGHT).toBeLessThanOrEqual(lane!.y + lane!.height);
    }
  });

  it('never places two nodes on the same spot', () => {
    const model = JSON.parse(
      JSON.stringify({
        ...MODEL,
        ends: [...MODEL.ends, { id: 'end-2', name: 'Ander einde', result: 'closed' }],
      }),
    ) as ReferenceModel;
    model.routes.push({ from: 's4', to: 'end-2' });
    const spots = layoutModel(model).nodes.map((node) => `${node.x},${node.y}`);
    expect(new Set(spots).size).toBe(spots.length);
  });

  it('lays out every example chain of the repository', async () => {
    const { parse } = await import('yaml');
    const dir = join(__dirname, '../../../../../models');
    for (const file of [
      'vroegsignalering-schuldhulp.yaml',
      'wmo-maatwerk.yaml',
      'huiselijk-geweld-jeugdbescherming.yaml',
    ]) {
      const model = parse(readFileSync(join(dir, file), 'utf8')) as ReferenceModel;
      const layout = layoutModel(model);
      const nodeCount = 1 + model.steps.length + (model.gateways?.length ?? 0) + model.ends.length;
      expect(layout.nodes).toHaveLength(nodeCount);
      const stepPartners = new Set(model.steps.map((item) => item.partner));
      for (const lane of layout.lanes) expect(stepPartners.has(lane.partnerId)).toBe(true);
    }
  });
});

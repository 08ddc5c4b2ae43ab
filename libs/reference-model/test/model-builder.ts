import { ReferenceModel, Step } from '../src';

export function step(id: string, overrides: Partial<Step> = {}): Step {
  return {
    id,
    name: `Step ${id}`,
    partner: 'p1',
    instructions: `Do ${id}.`,
    outcomes: [{ id: 'done', label: 'Done' }],
    form: [],
    sees: [],
    handsOver: [],
    ...overrides,
  };
}

/** A small valid model: start -> a -> b -> end, two partners, one field. Tests mutate a copy. */
export function minimalModel(): ReferenceModel {
  return {
    schemaVersion: 1,
    chain: { id: 'test-chain', name: 'Test chain', purpose: 'Testing.' },
    partners: [
      { id: 'p1', name: 'Partner one', roles: ['worker'] },
      { id: 'p2', name: 'Partner two', roles: ['worker'] },
    ],
    fields: [{ id: 'note', label: 'Note', type: 'string' }],
    intake: { categories: [{ id: 'general', name: 'General', intensity: 'align' }], form: [] },
    steps: [step('a'), step('b', { partner: 'p2' })],
    routes: [
      { from: 'start', to: 'a' },
      { from: 'a', to: 'b' },
      { from: 'b', to: 'done' },
    ],
    ends: [{ id: 'done', name: 'Done', result: 'solved' }],
    escalation: {
      ladder: [
        {
          level: 0,
          name: 'Warning',
          owner: 'regisseur',
          timeBox: { amount: 1, unit: 'workingDays' },
        },
      ],
    },
  };
}

/** A deep copy changed by `change`, so each test starts from the valid model. */
export function modelWith(change: (model: ReferenceModel) => void): ReferenceModel {
  const model = minimalModel();
  change(model);
  return model;
}

/** start → split(a, b) → join → c → end, optionally changed: the model for parallel routing. */
export function parallelModel(
  change: (model: ReferenceModel) => void = () => undefined,
): ReferenceModel {
  return modelWith((m) => {
    m.steps.push(step('c'));
    m.gateways = [
      { id: 'split', type: 'parallelSplit', join: 'join' },
      { id: 'join', type: 'parallelJoin' },
    ];
    m.routes = [
      { from: 'start', to: 'split' },
      { from: 'split', to: 'a' },
      { from: 'split', to: 'b' },
      { from: 'a', to: 'join' },
      { from: 'b', to: 'join' },
      { from: 'join', to: 'c' },
      { from: 'c', to: 'done' },
    ];
    change(m);
  });
}

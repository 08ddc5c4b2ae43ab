import { minimalModel, modelWith, step } from '../../test/model-builder';
import { exampleModel } from '../../test/example-models';
import { diffModels } from './diff-models';

describe('diffModels', () => {
  it('finds nothing between a model and its copy, whatever the key order', () => {
    const copy = JSON.parse(JSON.stringify(minimalModel()));
    copy.steps[0] = Object.fromEntries(Object.entries(copy.steps[0]).reverse());
    const diff = diffModels(minimalModel(), copy);
    expect(diff.identical).toBe(true);
    expect(diff.steps).toEqual({ added: [], removed: [], changed: [] });
  });

  it('reports steps, routes and norms added, removed and changed', () => {
    const next = modelWith((m) => {
      m.steps[0].instructions = 'Do it differently.';
      m.steps[0].norm = { target: { amount: 5, unit: 'workingDays' } };
      m.steps.push(step('c'));
      m.routes[2] = { from: 'b', to: 'c' };
      m.routes.push({ from: 'c', to: 'done', rework: undefined });
      m.caseNorm = { target: { amount: 30, unit: 'calendarDays' } };
    });
    const diff = diffModels(minimalModel(), next);
    expect(diff.identical).toBe(false);
    expect(diff.steps).toEqual({
      added: ['c'],
      removed: [],
      changed: [
        {
          key: 'a',
          properties: ['instructions'],
          changes: [{ property: 'instructions', before: 'Do a.', after: 'Do it differently.' }],
        },
      ],
    });
    expect(diff.routes).toEqual({
      added: ['b -> c', 'c -> done'],
      removed: ['b -> done'],
      changed: [],
    });
    expect(diff.norms).toEqual({ added: ['case', 'a'], removed: [], changed: [] });
  });

  it('reports a changed norm and a changed rework bound by key', () => {
    const model = exampleModel('vroegsignalering-schuldhulp.yaml');
    const next = JSON.parse(JSON.stringify(model));
    next.steps.find((s: { id: string }) => s.id === 'first-conversation').norm.target.amount = 21;
    next.routes.find((r: { id?: string }) => r.id === 'outreach-retry').rework.maxIterations = 5;
    const diff = diffModels(model, next);
    expect(diff.norms.changed).toEqual([
      {
        key: 'first-conversation',
        properties: ['target'],
        changes: [
          {
            property: 'target',
            before: { amount: 4, unit: 'weeks' },
            after: { amount: 21, unit: 'weeks' },
          },
        ],
      },
    ]);
    expect(diff.routes.changed).toEqual([
      {
        key: 'outreach-retry',
        properties: ['rework'],
        changes: [
          { property: 'rework', before: { maxIterations: 3 }, after: { maxIterations: 5 } },
        ],
      },
    ]);
    expect(diff.steps.changed).toEqual([]);
  });

  it('lists old and new enum values with their labels, and a property that appears', () => {
    const next = modelWith((m) => {
      m.fields.push({ id: 'kind', label: 'Soort', type: 'enum', values: ['a', 'b'] });
    });
    const relabelled = JSON.parse(JSON.stringify(next));
    relabelled.fields[relabelled.fields.length - 1].values = [{ id: 'a', label: 'Eerste' }, 'b'];
    relabelled.fields[relabelled.fields.length - 1].personal = true;
    expect(diffModels(next, relabelled).fields.changed).toEqual([
      {
        key: 'kind',
        properties: ['values', 'personal'],
        changes: [
          { property: 'values', before: ['a', 'b'], after: [{ id: 'a', label: 'Eerste' }, 'b'] },
          { property: 'personal', before: undefined, after: true },
        ],
      },
    ]);
  });
});

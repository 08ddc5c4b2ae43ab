import fc from 'fast-check';
import { validModel } from '../../test/model-arbitraries';
import { parallelModel, step } from '../../test/model-builder';
import { ReferenceModel } from '../model/reference-model.types';
import { validateModel } from '../validation/validate-model';
import { completeTask, openTasks, reopenTask, returnTask, startCase } from './routing-engine';
import { RoutingError } from './routing-error';
import { RoutingResult, RoutingState } from './routing-state';

const keys = (state: RoutingState) => openTasks(state).map((t) => t.taskKey);
const done = (model: ReferenceModel, state: RoutingState, taskKey: string, outcome = 'done') =>
  completeTask(model, state, { taskKey, outcome, data: {} });

/** start -> a -> split(b always, c when data.care) -> join -> d -> end; `a` collects `care`. */
const inclusive = parallelModel((m) => {
  m.fields.push({ id: 'care', label: 'Zorgbehoefte', type: 'boolean' });
  m.steps = [
    step('a', { form: [{ field: 'care', required: true }] }),
    step('b', { partner: 'p2' }),
    step('c', { partner: 'p1' }),
    step('d'),
  ];
  m.routes = [
    { from: 'start', to: 'a' },
    { from: 'a', to: 'split' },
    { from: 'split', to: 'b' },
    { from: 'split', to: 'c', when: 'data.care == true' },
    { from: 'b', to: 'join' },
    { from: 'c', to: 'join' },
    { from: 'join', to: 'd' },
    { from: 'd', to: 'done' },
  ];
});

function afterA(care: boolean): RoutingResult {
  const started = startCase(inclusive, { category: 'general', data: {} });
  return completeTask(inclusive, started.state, {
    taskKey: 'a:1',
    outcome: 'done',
    data: { care },
  });
}

describe('inclusive branches', () => {
  it('opens only the branches whose condition holds, and the join waits for exactly those', () => {
    const without = afterA(false);
    expect(without.opened.map((t) => t.taskKey)).toEqual(['b:1']);
    expect(without.state.joinWaits).toEqual({ join: 1 });
    expect(done(inclusive, without.state, 'b:1').opened.map((t) => t.taskKey)).toEqual(['d:1']);

    const both = afterA(true);
    expect(both.opened.map((t) => t.taskKey)).toEqual(['b:1', 'c:1']);
    const one = done(inclusive, both.state, 'c:1');
    expect(one.opened).toEqual([]);
    const joined = done(inclusive, one.state, 'b:1');
    expect(joined.opened).toEqual([
      expect.objectContaining({ taskKey: 'd:1', handedOverBy: ['c:1', 'b:1'] }),
    ]);
    expect(joined.state.joinWaits).toEqual({});
  });

  it('passes straight to the join when no branch condition holds', () => {
    const allConditional = JSON.parse(JSON.stringify(inclusive)) as ReferenceModel;
    allConditional.routes[2].when = 'data.care == false';
    allConditional.routes[3].when = 'data.care == true';
    allConditional.steps[0].form[0].required = false;
    const started = startCase(allConditional, { category: 'general', data: {} });
    // `care` missing: neither `== false` nor `== true` holds.
    const skipped = completeTask(allConditional, started.state, {
      taskKey: 'a:1',
      outcome: 'done',
      data: {},
    });
    expect(skipped.opened).toEqual([
      expect.objectContaining({ taskKey: 'd:1', handedOverBy: ['a:1'] }),
    ]);
  });

  it('re-joins on the same branches after a return from behind the join', () => {
    let state = afterA(false).state;
    state = done(inclusive, state, 'b:1').state;
    const returned = returnTask(inclusive, state, { taskKey: 'd:1' });
    expect(returned.opened.map((t) => t.taskKey)).toEqual(['b:2']);
    expect(done(inclusive, returned.state, 'b:2').opened.map((t) => t.taskKey)).toEqual(['d:2']);
  });
});

describe('branch-local return', () => {
  const parallel = parallelModel((m) => {
    m.steps.unshift(step('intake', { partner: 'p1' }));
    m.routes[0] = { from: 'start', to: 'intake' };
    m.routes.splice(1, 0, { from: 'intake', to: 'split' });
  });
  const split = () =>
    done(parallel, startCase(parallel, { category: 'general', data: {} }).state, 'intake:1').state;

  it('re-opens the sender for the returning branch only; the sibling keeps its work', () => {
    const returned = returnTask(parallel, split(), { taskKey: 'b:1' });
    expect(returned.closed).toEqual([]);
    expect(returned.opened).toEqual([expect.objectContaining({ taskKey: 'intake:2' })]);
    expect(keys(returned.state)).toEqual(['a:1', 'intake:2']);
    const again = done(parallel, returned.state, 'intake:2');
    expect(again.opened).toEqual([
      expect.objectContaining({ taskKey: 'b:2', handedOverBy: ['intake:2'] }),
    ]);
    let state = done(parallel, again.state, 'a:1').state;
    expect(keys(state)).toEqual(['b:2']);
    state = done(parallel, state, 'b:2').state;
    expect(keys(state)).toEqual(['c:1']);
  });

  it('takes a second returning branch on the same re-opened task', () => {
    const first = returnTask(parallel, split(), { taskKey: 'b:1' });
    const second = returnTask(parallel, first.state, { taskKey: 'a:1' });
    expect(second.opened).toEqual([]);
    expect(keys(second.state)).toEqual(['intake:2']);
    const again = done(parallel, second.state, 'intake:2');
    expect(again.opened.map((t) => t.taskKey)).toEqual(['b:2', 'a:2']);
  });

  it('keeps a regisseur reopen of a branch-locally re-opened task inside its branch', () => {
    const first = returnTask(parallel, split(), { taskKey: 'b:1' });
    const state = done(parallel, first.state, 'intake:2').state;
    const reopened = reopenTask(parallel, state, { stepId: 'intake' });
    expect(reopened.closed).toEqual(['b:2']);
    expect(keys(reopened.state)).toEqual(['a:1', 'intake:3']);
    const again = done(parallel, reopened.state, 'intake:3');
    expect(again.opened.map((t) => t.taskKey)).toEqual(['b:3']);
    const joined = done(parallel, done(parallel, again.state, 'a:1').state, 'b:3');
    expect(joined.opened.map((t) => t.taskKey)).toEqual(['c:1']);
  });

  it('does not count an arrival a return already wound back when the regisseur reopens before the split', () => {
    // Found by the property below: a branch returns to the sender, both branches are redone by
    // reopens, the task after the join returns, and then the sender is reopened.
    let state = done(parallel, split(), 'b:1').state;
    state = done(parallel, returnTask(parallel, state, { taskKey: 'a:1' }).state, 'intake:2').state;
    state = done(parallel, state, 'a:2').state;
    state = done(parallel, reopenTask(parallel, state, { stepId: 'a' }).state, 'a:3').state;
    state = done(parallel, reopenTask(parallel, state, { stepId: 'b' }).state, 'b:2').state;
    state = returnTask(parallel, state, { taskKey: 'c:3' }).state;
    expect(keys(state)).toEqual(['a:4', 'b:3']);
    state = reopenTask(parallel, state, { stepId: 'intake' }).state;
    expect(keys(state)).toEqual(['b:3', 'intake:3']);
    // b:2 was wound back by the return of c:3: only b:3 arrives for branch b.
    expect(state.joins).toEqual({ join: [] });
    state = done(parallel, done(parallel, state, 'intake:3').state, 'b:3').state;
    expect(keys(state)).toEqual(['a:5']);
    const joined = done(parallel, state, 'a:5');
    expect(joined.opened).toEqual([
      expect.objectContaining({ taskKey: 'c:4', handedOverBy: ['b:3', 'a:5'] }),
    ]);
  });

  it('does not reopen work that a rewind already wound back', () => {
    let state = done(parallel, split(), 'a:1').state;
    state = done(parallel, state, 'b:1').state;
    // c:1 returns to both branches: a:1 and b:1 are wound back and open again as a:2 and b:2.
    state = returnTask(parallel, state, { taskKey: 'c:1' }).state;
    state = done(parallel, state, 'a:2').state;
    const reopened = reopenTask(parallel, state, { stepId: 'intake' });
    expect(reopened.closed).toEqual(['b:2']);
    expect(() => reopenTask(parallel, reopened.state, { stepId: 'b' })).toThrow(
      expect.objectContaining({ code: 'step-not-completed' }),
    );
  });

  it('refuses an outcome that would leave the branch, so the join never waits forever', () => {
    const leaving = JSON.parse(JSON.stringify(parallel)) as ReferenceModel;
    leaving.steps[0].outcomes.push({ id: 'stop', label: 'Stop' });
    leaving.routes.splice(1, 0, { from: 'intake', on: 'stop', to: 'done' });
    const state = done(
      leaving,
      startCase(leaving, { category: 'general', data: {} }).state,
      'intake:1',
    ).state;
    const returned = returnTask(leaving, state, { taskKey: 'a:1' });
    expect(() => done(leaving, returned.state, 'intake:2', 'stop')).toThrow(
      expect.objectContaining({ code: 'branch-route-changed' }),
    );
  });
});

/** Steps whose last task is done and not wound back, and that have no open task: reopenable. */
function reopenable(state: RoutingState): string[] {
  const open = new Set(openTasks(state).map((t) => t.stepId));
  const done = state.tasks.filter(
    (t) => (t.status === 'completed' || t.status === 'skipped') && !t.superseded && !t.contribution,
  );
  return [...new Set(done.map((t) => t.stepId))].filter((stepId) => !open.has(stepId));
}

describe('generated models with inclusive splits, returns and reopens', () => {
  it('never duplicate work or leave a join waiting with nothing open, and leave nothing open after an end, whatever is returned or reopened', () => {
    fc.assert(
      fc.property(validModel, fc.infiniteStream(fc.nat()), (model, choices) => {
        const picks = choices[Symbol.iterator]();
        const pick = (n: number) => picks.next().value % n;
        // The branch flags are booleans; a key date (norms anchored to it) does not route.
        const flags = model.intake.form.filter(({ field }) => field !== 'key-date');
        const data = Object.fromEntries(flags.map(({ field }) => [field, pick(2) === 0]));
        let result = startCase(model, { category: 'general', data });
        let returns = 0;
        let reopens = 0;
        for (let moves = 0; !result.ended; moves++) {
          expect(moves).toBeLessThan(500);
          const open = openTasks(result.state);
          // A join waiting forever would leave a running case with nothing to do.
          expect(open.length).toBeGreaterThan(0);
          // No work is duplicated: a step has at most one open task at a time.
          const steps = open.map((t) => t.stepId);
          expect(new Set(steps).size).toBe(steps.length);
          const candidates = reopenable(result.state);
          if (reopens < 4 && candidates.length > 0 && pick(4) === 0) {
            reopens++;
            const stepId = candidates[pick(candidates.length)];
            result = reopenTask(model, result.state, { stepId });
            continue;
          }
          const task = open[pick(open.length)];
          if (returns < 6 && task.handedOverBy.length > 0 && pick(3) === 0) {
            returns++;
            result = returnTask(model, result.state, { taskKey: task.taskKey });
            continue;
          }
          result = completeSomehow(model, result.state, task.taskKey, pick);
        }
        expect(openTasks(result.state)).toEqual([]);
      }),
      // The reopen-then-return defect showed in about 1 in 3 000 runs; CI runs a sample each time.
      { numRuns: 1000 },
    );
  });
});

/** Completes with a random outcome; a branch-locally re-opened task may refuse some, not all. */
function completeSomehow(
  model: ReferenceModel,
  state: RoutingState,
  taskKey: string,
  pick: (n: number) => number,
): RoutingResult {
  const stepId = openTasks(state).find((t) => t.taskKey === taskKey)?.stepId;
  const outcomes = model.steps.find((s) => s.id === stepId)?.outcomes ?? [];
  const first = pick(outcomes.length);
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[(first + i) % outcomes.length].id;
    try {
      return completeTask(model, state, { taskKey, outcome, data: {} });
    } catch (error) {
      if (!(error instanceof RoutingError) || error.code !== 'branch-route-changed') throw error;
    }
  }
  throw new Error(`no outcome of '${taskKey}' is accepted`);
}

describe('targeted rework', () => {
  /** start -> split(x, y, z) -> join -> review; review 'gaps' loops back to x and z only. */
  const mdo = parallelModel((m) => {
    m.steps = [
      step('x'),
      step('y', { partner: 'p2' }),
      step('z'),
      step('review', {
        outcomes: [
          { id: 'complete', label: 'Compleet' },
          { id: 'gaps', label: 'Hiaten' },
        ],
      }),
    ];
    m.routes = [
      { from: 'start', to: 'split' },
      { from: 'split', to: 'x' },
      { from: 'split', to: 'y' },
      { from: 'split', to: 'z' },
      { from: 'x', to: 'join' },
      { from: 'y', to: 'join' },
      { from: 'z', to: 'join' },
      { from: 'join', to: 'review' },
      { from: 'review', on: 'complete', to: 'done' },
      {
        from: 'review',
        on: 'gaps',
        to: 'split',
        rework: { maxIterations: 1, branches: ['x', 'z'] },
      },
      { from: 'review', on: 'gaps', to: 'done' },
    ];
  });

  it('validates: branches of the split the route loops into', () => {
    expect(validateModel(mdo)).toEqual([]);
    const wrong = JSON.parse(JSON.stringify(mdo)) as ReferenceModel;
    (wrong.routes[9].rework as { branches: string[] }).branches = ['x', 'review'];
    expect(validateModel(wrong)).toEqual([
      expect.objectContaining({ code: 'unknown-target', path: '/routes/9/rework/branches/1' }),
    ]);
  });

  it('re-opens only the named branches and joins on those', () => {
    let state = startCase(mdo, { category: 'general', data: {} }).state;
    for (const key of ['x:1', 'y:1', 'z:1']) state = done(mdo, state, key).state;
    const rework = done(mdo, state, 'review:1', 'gaps');
    expect(rework.opened.map((t) => t.taskKey)).toEqual(['x:2', 'z:2']);
    expect(rework.state.joinWaits).toEqual({ join: 2 });
    const one = done(mdo, rework.state, 'z:2');
    expect(one.opened).toEqual([]);
    const joined = done(mdo, one.state, 'x:2');
    expect(joined.opened).toEqual([
      expect.objectContaining({ taskKey: 'review:2', handedOverBy: ['z:2', 'x:2'] }),
    ]);
    // The bound is used up: the next 'gaps' takes the fallback route.
    expect(done(mdo, joined.state, 'review:2', 'gaps').ended?.endId).toBe('done');
  });
});

import { minimalModel, modelWith, parallelModel } from '../../test/model-builder';
import { ReferenceModel } from '../model/reference-model.types';
import { effectiveNorms } from './effective-norms';
import {
  completeTask,
  openTasks,
  reassignTask,
  reopenTask,
  returnTask,
  skipTask,
  startCase,
} from './routing-engine';
import { RoutingError, RoutingErrorCode } from './routing-error';
import { RoutingState } from './routing-state';
import { validateStepSubmission } from './step-submission';
import { visibleFields } from './visible-fields';

const start = (model: ReferenceModel) => startCase(model, { category: 'general', data: {} }).state;
const done = (model: ReferenceModel, state: RoutingState, taskKey: string, outcome = 'done') =>
  completeTask(model, state, { taskKey, outcome, data: {} });
const keys = (state: RoutingState) => openTasks(state).map((t) => t.taskKey);

function routingError(action: () => unknown): RoutingError {
  try {
    action();
  } catch (error) {
    if (error instanceof RoutingError) return error;
    throw error;
  }
  throw new Error('expected a RoutingError');
}
const expectCode = (code: RoutingErrorCode, action: () => unknown) =>
  expect(routingError(action).code).toBe(code);

const parallel = parallelModel();

describe('routing engine', () => {
  const model = minimalModel();

  it('starts a case and walks a sequence to its end', () => {
    const started = startCase(model, { category: 'general', data: {} });
    expect(started.opened).toEqual([
      { taskKey: 'a:1', stepId: 'a', partnerId: 'p1', iteration: 1, handedOverBy: [] },
    ]);
    expect(started.state.intensity).toBe('align');
    const second = done(model, started.state, 'a:1');
    expect(second.opened).toEqual([
      { taskKey: 'b:1', stepId: 'b', partnerId: 'p2', iteration: 1, handedOverBy: ['a:1'] },
    ]);
    const last = done(model, second.state, 'b:1');
    expect(last.ended).toEqual({ endId: 'done', result: 'solved' });
    expect(openTasks(last.state)).toEqual([]);
  });

  it('keeps state plain JSON and never mutates the state it is given', () => {
    const state = start(model);
    const before = JSON.stringify(state);
    const next = done(model, state, 'a:1').state;
    expect(JSON.stringify(state)).toBe(before);
    expect(JSON.parse(JSON.stringify(next))).toEqual(next);
    expect(() => completeTask(model, state, { taskKey: 'a:1', outcome: 'nope', data: {} })).toThrow(
      RoutingError,
    );
    expect(JSON.stringify(state)).toBe(before);
  });

  it('refuses requests the model does not allow, with a code', () => {
    const state = start(model);
    expectCode('unknown-category', () => startCase(model, { category: 'other', data: {} }));
    expectCode('unknown-task', () => done(model, state, 'z:1'));
    expectCode('unknown-outcome', () => done(model, state, 'a:1', 'approved'));
    expectCode('task-not-open', () => done(model, done(model, state, 'a:1').state, 'a:1'));
    expectCode('no-handover-to-return', () => returnTask(model, state, { taskKey: 'a:1' }));
    expectCode('step-not-completed', () => reopenTask(model, state, { stepId: 'b' }));
    expectCode('task-already-open', () => reopenTask(model, state, { stepId: 'a' }));
    expectCode('partner-not-allowed', () =>
      reassignTask(model, state, { taskKey: 'a:1', partnerId: 'p2' }),
    );
    const ended = done(model, done(model, state, 'a:1').state, 'b:1').state;
    expectCode('case-ended', () => done(model, ended, 'b:1'));
    expectCode('case-ended', () => reopenTask(model, ended, { stepId: 'a' }));
  });

  it('checks form data on completion and merges it into the case data', () => {
    const withForm = modelWith((m) => {
      m.fields.push({ id: 'size', label: 'Size', type: 'enum', values: ['s', 'm'] });
      m.steps[0].form = [
        { field: 'note', required: true },
        { field: 'size', required: false },
      ];
    });
    const state = start(withForm);
    const error = routingError(() =>
      completeTask(withForm, state, {
        taskKey: 'a:1',
        outcome: 'done',
        data: { size: 'xl', extra: 1 },
      }),
    );
    expect(error.code).toBe('invalid-submission');
    expect(error.problems.map((p) => [p.code, p.field])).toEqual([
      ['value-not-allowed', 'size'],
      ['unknown-field', 'extra'],
      ['required-missing', 'note'],
    ]);
    const next = completeTask(withForm, state, {
      taskKey: 'a:1',
      outcome: 'done',
      data: { note: 'ok', size: 'm' },
    });
    expect(next.state.data).toEqual({ note: 'ok', size: 'm' });
  });

  it('routes on outcome, on case data and on intake, first matching route wins', () => {
    const branching = modelWith((m) => {
      m.fields.push({ id: 'urgent', label: 'Urgent', type: 'boolean' });
      m.intake.categories.push({ id: 'crisis', name: 'Crisis', intensity: 'integrate' });
      m.intake.form.push({ field: 'urgent', required: false });
      m.ends.push({ id: 'fast', name: 'Fast', result: 'referred' });
      m.routes.unshift({
        from: 'start',
        when: "intake.category == 'crisis' || data.urgent == true",
        to: 'b',
      });
    });
    expect(startCase(branching, { category: 'crisis', data: {} }).opened[0].stepId).toBe('b');
    expect(
      startCase(branching, { category: 'general', data: { urgent: true } }).opened[0].stepId,
    ).toBe('b');
    expect(
      startCase(branching, { category: 'general', data: { urgent: false } }).opened[0].stepId,
    ).toBe('a');
    expect(startCase(branching, { category: 'crisis', data: {} }).state.intensity).toBe(
      'integrate',
    );
    expect(
      startCase(branching, { category: 'crisis', intensity: 'align', data: {} }).state.intensity,
    ).toBe('align');
  });

  it('throws no-matching-route when only conditional routes exist and none holds', () => {
    const conditional = modelWith((m) => (m.routes[0].when = 'false'));
    expectCode('no-matching-route', () => start(conditional));
  });

  it('takes a rework loop at most maxIterations times, then the next route', () => {
    const loop = modelWith((m) => {
      m.steps[1].outcomes.push({ id: 'again', label: 'Again' });
      m.routes[2].on = 'done';
      m.routes.push({ from: 'b', on: 'again', to: 'a', rework: { maxIterations: 2 } });
    });
    let state = start(loop);
    for (let round = 1; round <= 2; round++) {
      state = done(loop, state, `a:${round}`).state;
      const back = done(loop, state, `b:${round}`, 'again');
      expect(back.opened).toEqual([
        expect.objectContaining({ taskKey: `a:${round + 1}`, iteration: round + 1 }),
      ]);
      state = back.state;
    }
    state = done(loop, state, 'a:3').state;
    expectCode('rework-limit-exceeded', () => done(loop, state, 'b:3', 'again'));
    const withFallback = {
      ...loop,
      routes: [...loop.routes, { from: 'b', on: 'again', to: 'done' }],
    };
    expect(done(withFallback, state, 'b:3', 'again').ended?.endId).toBe('done');
  });

  it('opens all branches at a split and waits for all of them at the join', () => {
    const started = startCase(parallel, { category: 'general', data: {} });
    expect(started.opened.map((t) => t.taskKey)).toEqual(['a:1', 'b:1']);
    const one = done(parallel, started.state, 'b:1');
    expect(one.opened).toEqual([]);
    expect(one.state.joins).toEqual({ join: [['b:1']] });
    const both = done(parallel, one.state, 'a:1');
    expect(both.opened).toEqual([
      expect.objectContaining({ taskKey: 'c:1', handedOverBy: ['b:1', 'a:1'] }),
    ]);
    expect(both.state.joins).toEqual({});
  });

  it('cancels sibling branches when one branch reaches an end', () => {
    const escape = modelWith((m) => {
      Object.assign(m, { ...parallel, steps: parallel.steps.map((s) => ({ ...s })) });
      m.steps[0].outcomes.push({ id: 'abort', label: 'Abort' });
      m.routes = [{ from: 'a', on: 'abort', to: 'done' }, ...parallel.routes];
    });
    const result = done(escape, start(escape), 'a:1', 'abort');
    expect(result.closed).toEqual(['b:1']);
    expect(result.ended?.endId).toBe('done');
  });

  it('skips with onSkip or the first outcome', () => {
    const skippable = modelWith((m) => {
      m.steps[0].outcomes.unshift({ id: 'special', label: 'Special' });
      m.steps[0].onSkip = 'done';
      m.routes.splice(1, 0, { from: 'a', on: 'special', to: 'done' });
    });
    const skipped = skipTask(skippable, start(skippable), { taskKey: 'a:1' });
    expect(skipped.opened.map((t) => t.stepId)).toEqual(['b']);
    expect(skipped.state.tasks[0]).toEqual(
      expect.objectContaining({ status: 'skipped', outcome: 'done' }),
    );
    expect(skipTask(model, start(model), { taskKey: 'a:1' }).opened[0].stepId).toBe('b');
  });

  it('returns a handover to the step that sent it and flags too many returns', () => {
    const strict = modelWith((m) => (m.steps[1].maxReturns = 1));
    let state = done(strict, start(strict), 'a:1').state;
    const first = returnTask(strict, state, { taskKey: 'b:1' });
    expect(first.opened).toEqual([
      expect.objectContaining({ taskKey: 'a:2', iteration: 2, handedOverBy: [] }),
    ]);
    expect(first.returnLimitExceeded).toBe(false);
    expect(first.state.tasks.find((t) => t.taskKey === 'b:1')?.status).toBe('returned');
    state = done(strict, first.state, 'a:2').state;
    const second = returnTask(strict, state, { taskKey: 'b:2' });
    expect(second.returnLimitExceeded).toBe(true);
    expect(second.state.returns).toEqual({ b: 2 });
  });

  it('returns a handover from after a join to every branch, and joins again', () => {
    let state = start(parallel);
    state = done(parallel, done(parallel, state, 'a:1').state, 'b:1').state;
    const returned = returnTask(parallel, state, { taskKey: 'c:1' });
    expect(returned.opened.map((t) => t.taskKey)).toEqual(['a:2', 'b:2']);
    state = done(parallel, returned.state, 'b:2').state;
    expect(keys(state)).toEqual(['a:2']);
    const rejoined = done(parallel, state, 'a:2');
    expect(rejoined.opened.map((t) => t.taskKey)).toEqual(['c:2']);
  });

  it('reopens a completed step and cancels what followed from it', () => {
    let state = start(parallel);
    state = done(parallel, state, 'a:1').state;
    const reopened = reopenTask(parallel, state, { stepId: 'a' });
    expect(reopened.opened.map((t) => t.taskKey)).toEqual(['a:2']);
    expect(reopened.closed).toEqual([]);
    expect(reopened.state.joins).toEqual({ join: [] });
    state = done(parallel, done(parallel, reopened.state, 'b:1').state, 'a:2').state;
    expect(keys(state)).toEqual(['c:1']);
    const rewound = reopenTask(parallel, state, { stepId: 'b' });
    expect(rewound.closed).toEqual(['c:1']);
    expect(rewound.state.joins).toEqual({ join: [['a:2']] });
    expect(done(parallel, rewound.state, 'b:2').opened.map((t) => t.taskKey)).toEqual(['c:2']);
  });

  it('reassigns an open task to an alternative partner', () => {
    const flexible = modelWith((m) => (m.steps[0].alternativePartners = ['p2']));
    const result = reassignTask(flexible, start(flexible), { taskKey: 'a:1', partnerId: 'p2' });
    expect(openTasks(result.state)[0].partnerId).toBe('p2');
  });
});

describe('norms, visibility and submissions', () => {
  const model = modelWith((m) => {
    m.fields.push(
      { id: 'when', label: 'When', type: 'date' },
      { id: 'count', label: 'Count', type: 'number' },
    );
    m.steps[0].form = [{ field: 'when', required: true }];
    m.steps[0].handsOver = ['when'];
    m.steps[1].sees = ['when', 'note'];
    m.steps[1].form = [{ field: 'count', required: false }];
    m.steps[0].norm = {
      target: { amount: 2, unit: 'workingDays' },
      atw: true,
      byIntensity: { integrate: { target: { amount: 4, unit: 'hours' } } },
    };
    m.caseNorm = { target: { amount: 8, unit: 'calendarDays' } };
  });

  it('applies the intensity override to a step norm', () => {
    expect(effectiveNorms(model, 'a', 'align')).toEqual({
      target: { amount: 2, unit: 'workingDays' },
      atw: true,
    });
    expect(effectiveNorms(model, 'a', 'integrate')).toEqual({
      target: { amount: 4, unit: 'hours' },
      atw: true,
    });
    expect(effectiveNorms(model, undefined, 'align')).toEqual(model.caseNorm);
    expect(effectiveNorms(model, 'b', 'align')).toBeUndefined();
  });

  it('lets a partner see only what its steps may see', () => {
    expect(visibleFields(model, ['a'])).toEqual(['when']);
    expect(visibleFields(model, ['b'])).toEqual(['note', 'when', 'count']);
    expect(visibleFields(model, ['unknown'])).toEqual([]);
  });

  it('reports field-level problems of a submission', () => {
    expect(validateStepSubmission(model, 'a', 'done', { when: '2024-02-30' })).toEqual([
      expect.objectContaining({ code: 'wrong-type', field: 'when' }),
    ]);
    expect(validateStepSubmission(model, 'a', 'done', { when: '2024-02-29' })).toEqual([]);
    expect(validateStepSubmission(model, 'b', 'done', { count: '3' })).toEqual([
      expect.objectContaining({ code: 'wrong-type', field: 'count' }),
    ]);
    expect(validateStepSubmission(model, 'a', 'done', {}, {})).toEqual([
      expect.objectContaining({ code: 'required-missing', field: 'when' }),
      expect.objectContaining({ code: 'handover-incomplete', field: 'when' }),
    ]);
    expect(validateStepSubmission(model, 'x', 'done', {})).toEqual([
      expect.objectContaining({ code: 'unknown-step' }),
    ]);
  });
});

import { minimalModel, modelWith } from '../../test/model-builder';
import { ReferenceModel } from '../model/reference-model.types';
import { validateModel } from '../validation/validate-model';
import { taskWork } from './joint-steps';
import {
  completeTask,
  openTasks,
  reassignTask,
  reopenTask,
  returnTask,
  skipTask,
  startCase,
} from './routing-engine';
import { RoutingState } from './routing-state';
import { visibleFields } from './visible-fields';

/** start -> a -> b (lead p2, contributors p1 and p3) -> end. */
const joint: ReferenceModel = modelWith((m) => {
  m.partners.push({ id: 'p3', name: 'Partner three', roles: ['worker', 'advisor'] });
  m.fields.push({ id: 'advice', label: 'Advies', type: 'string' });
  m.steps[1].contributors = [
    { partner: 'p1' },
    {
      partner: 'p3',
      role: 'advisor',
      instructions: 'Geef advies.',
      form: [{ field: 'advice', required: true }],
    },
  ];
});
const keys = (state: RoutingState) => openTasks(state).map((t) => `${t.taskKey}:${t.partnerId}`);
const atJointStep = () =>
  completeTask(joint, startCase(joint, { category: 'general', data: {} }).state, {
    taskKey: 'a:1',
    outcome: 'done',
    data: {},
  });

describe('joint steps', () => {
  it('validates contributors: known partners and roles, each partner once, known form fields', () => {
    expect(validateModel(joint)).toEqual([]);
    const broken = modelWith((m) => {
      m.steps[1].contributors = [
        { partner: 'nobody' },
        { partner: 'p2' },
        { partner: 'p1', role: 'judge', form: [{ field: 'ghost', required: false }] },
      ];
    });
    expect(validateModel(broken)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'unknown-partner',
          path: '/steps/1/contributors/0/partner',
        }),
        expect.objectContaining({ code: 'duplicate-id', path: '/steps/1/contributors/1' }),
        expect.objectContaining({ code: 'unknown-role', path: '/steps/1/contributors/2/role' }),
        expect.objectContaining({
          code: 'unknown-field',
          path: '/steps/1/contributors/2/form/0/field',
        }),
      ]),
    );
  });

  it('opens a task per contributor with the lead, each at its own partner', () => {
    const result = atJointStep();
    expect(result.opened.map((t) => `${t.taskKey}:${t.partnerId}`)).toEqual([
      'b:1:p2',
      'b:1@p1:p1',
      'b:1@p3:p3',
    ]);
    expect(result.opened.every((t) => t.stepId === 'b' && t.handedOverBy[0] === 'a:1')).toBe(true);
  });

  it('lets the lead complete only once every contribution is in or skipped', () => {
    let state = atJointStep().state;
    expect(() => completeTask(joint, state, { taskKey: 'b:1', outcome: 'done', data: {} })).toThrow(
      expect.objectContaining({ code: 'contributions-pending' }),
    );
    expect(() =>
      completeTask(joint, state, { taskKey: 'b:1@p3', outcome: 'contributed', data: {} }),
    ).toThrow(expect.objectContaining({ code: 'invalid-submission' }));
    const contributed = completeTask(joint, state, {
      taskKey: 'b:1@p3',
      outcome: 'contributed',
      data: { advice: 'Doen' },
    });
    expect(contributed.opened).toEqual([]);
    expect(contributed.state.data).toEqual({ advice: 'Doen' });
    const skipped = skipTask(joint, contributed.state, { taskKey: 'b:1@p1' });
    expect(skipped.opened).toEqual([]);
    state = skipped.state;
    expect(keys(state)).toEqual(['b:1:p2']);
    const ended = completeTask(joint, state, { taskKey: 'b:1', outcome: 'done', data: {} });
    expect(ended.ended?.endId).toBe('done');
  });

  it('returns only through the lead, and voids open contributions when it does', () => {
    const state = atJointStep().state;
    expect(() => returnTask(joint, state, { taskKey: 'b:1@p1' })).toThrow(
      expect.objectContaining({ code: 'contribution-returns-with-lead' }),
    );
    const returned = returnTask(joint, state, { taskKey: 'b:1' });
    expect(returned.closed).toEqual(['b:1@p1', 'b:1@p3']);
    expect(keys(returned.state)).toEqual(['a:2:p1']);
    const again = completeTask(joint, returned.state, {
      taskKey: 'a:2',
      outcome: 'done',
      data: {},
    });
    expect(again.opened.map((t) => t.taskKey)).toEqual(['b:2', 'b:2@p1', 'b:2@p3']);
  });

  it('reopens the step with fresh contributions and keeps contributions with their partner', () => {
    let state = atJointStep().state;
    expect(() => reassignTask(joint, state, { taskKey: 'b:1@p1', partnerId: 'p2' })).toThrow(
      expect.objectContaining({ code: 'partner-not-allowed' }),
    );
    state = completeTask(joint, state, {
      taskKey: 'b:1@p1',
      outcome: 'contributed',
      data: {},
    }).state;
    state = skipTask(joint, state, { taskKey: 'b:1' }).state;
    expect(state.tasks.find((t) => t.taskKey === 'b:1@p3')?.status).toBe('cancelled');
    expect(state.ended).toBeDefined();
    const early = startCase(joint, { category: 'general', data: {} }).state;
    const done = completeTask(joint, early, { taskKey: 'a:1', outcome: 'done', data: {} });
    const reopened = reopenTask(joint, done.state, { stepId: 'a' });
    expect(reopened.closed).toEqual(['b:1', 'b:1@p1', 'b:1@p3']);
  });

  it('asks a contributor for its own part and lets everyone at the step see the contributions', () => {
    const step = joint.steps[1];
    expect(taskWork(step, 'b:1@p3')).toEqual({
      instructions: 'Geef advies.',
      outcomes: [{ id: 'contributed', label: 'Bijdrage geleverd' }],
      form: [{ field: 'advice', required: true }],
      handsOver: [],
      contributor: 'p3',
    });
    expect(taskWork(step, 'b:1')).toMatchObject({ instructions: 'Do b.', handsOver: [] });
    expect(visibleFields(joint, ['b'])).toEqual(['advice']);
    expect(visibleFields(minimalModel(), ['b'])).toEqual([]);
  });
});

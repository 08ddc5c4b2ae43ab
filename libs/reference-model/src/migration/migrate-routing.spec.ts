import { exampleModel } from '../../test/example-models';
import { DEBT_CHAIN_EDITS, debtChainVersion2, mergedBranches } from '../../test/migration-examples';
import { modelWith, parallelModel, step } from '../../test/model-builder';
import { completeTask, openTasks, returnTask, startCase } from '../engine/routing-engine';
import { RoutingState } from '../engine/routing-state';
import { CaseData, ReferenceModel } from '../model/reference-model.types';
import { editMapping, generateMapping, MappingEdits } from './generate-plan';
import { migrateRouting } from './migrate-routing';

const v1 = exampleModel('vroegsignalering-schuldhulp.yaml');
const v2 = debtChainVersion2(v1);
const debtMapping = editMapping(generateMapping(v1, v2), DEBT_CHAIN_EDITS);
const unclaimed = { isClaimed: () => false };
const intake = {
  'client-name': 'J. de Vries',
  'contact-address': 'Kerkstraat 1',
  'amount-owed': 850,
  'days-in-arrears': 45,
  'reminder-sent': true,
  'signal-source': 'housing',
};

/** Completes the open task of each step in turn. */
function drive(model: ReferenceModel, state: RoutingState, moves: [string, string, CaseData?][]) {
  for (const [stepId, outcome, data = {}] of moves) {
    const task = openTasks(state).find((candidate) => candidate.stepId === stepId);
    if (!task) throw new Error(`no open ${stepId}`);
    state = completeTask(model, state, { taskKey: task.taskKey, outcome, data }).state;
  }
  return state;
}

const atOutreach = () =>
  drive(v1, startCase(v1, { category: 'arrears-signal', data: intake }).state, [
    ['matching', 'triaged', { crisis: false }],
    ['outreach', 'not-reached', { 'contact-channel': 'letter' }],
  ]);

describe('migrateRouting on the debt chain', () => {
  it('moves the open task to its new partner under the same key, and renames the history', () => {
    const before = atOutreach();
    const migration = migrateRouting(v1, v2, debtMapping, before, unclaimed);
    expect(migration.problems).toEqual([]);
    expect(migration.tasks).toEqual([
      {
        taskKey: 'outreach:2',
        action: 'moved',
        before: { stepId: 'outreach', partnerId: 'gemeente' },
        after: { stepId: 'outreach', partnerId: 'maatschappelijk-werk' },
      },
    ]);
    const state = migration.state;
    expect(state.tasks.map((t) => [t.taskKey, t.stepId, t.status])).toEqual([
      ['matching:1', 'triage', 'completed'],
      ['outreach:1', 'outreach', 'completed'],
      ['outreach:2', 'outreach', 'open'],
    ]);
    // The rework loop taken once stays counted; the next opening of a renamed step gets a new key.
    expect(state.rework).toEqual(before.rework);
    expect(state.openings).toMatchObject({ triage: 1, outreach: 2 });
    expect(before.tasks[2].partnerId).toBe('gemeente'); // the caller's state is untouched

    // The case runs on under version 2.
    const next = drive(v2, state, [['outreach', 'reached', { 'contact-channel': 'phone' }]]);
    expect(openTasks(next).map((t) => t.stepId)).toEqual(['first-conversation']);
  });

  it('refuses to take claimed work to another partner unless the plan says so', () => {
    const claimed = { isClaimed: (key: string) => key === 'outreach:2' };
    expect(migrateRouting(v1, v2, debtMapping, atOutreach(), claimed).problems).toEqual([
      expect.objectContaining({ code: 'claimed-work', path: '/tasks/outreach:2' }),
    ]);
    const reassigning = { ...debtMapping, claimedWork: 'reassign' as const };
    expect(migrateRouting(v1, v2, reassigning, atOutreach(), claimed).problems).toEqual([]);
  });

  it('keeps a task the regisseur gave to an alternative partner that the new step still allows', () => {
    const state = atOutreach();
    state.tasks[2].partnerId = 'maatschappelijk-werk';
    const back = editMapping(debtMapping, { steps: [{ from: 'outreach', to: ['outreach'] }] });
    const migration = migrateRouting(v1, v2, back, state, unclaimed);
    expect(migration.tasks[0]).toMatchObject({ action: 'kept' });
  });

  it('moves a join waiting for one branch, with what already arrived', () => {
    const state = drive(v1, atOutreach(), [
      ['outreach', 'reached', { 'contact-channel': 'phone' }],
      ['first-conversation', 'accepted', { 'help-accepted': true }],
      ['feedback', 'acknowledged'],
      ['access-decision', 'granted', { 'debt-total': 100 }],
      ['stabilisation', 'stable', { 'income-stable': true }],
      ['creditors', 'done', { 'creditor-agreement': true }],
    ]);
    const renamedJoin = JSON.parse(JSON.stringify(v2)) as ReferenceModel;
    renamedJoin.gateways = renamedJoin.gateways?.map((g) =>
      g.id === 'arrangement-join' ? { ...g, id: 'join-2' } : g.join ? { ...g, join: 'join-2' } : g,
    );
    renamedJoin.routes = renamedJoin.routes.map((r) => ({
      ...r,
      from: r.from === 'arrangement-join' ? 'join-2' : r.from,
      to: r.to === 'arrangement-join' ? 'join-2' : r.to,
    }));
    const mapping = editMapping(debtMapping, {
      gateways: [{ from: 'arrangement-join', to: 'join-2' }],
    });
    const migration = migrateRouting(v1, renamedJoin, mapping, state, unclaimed);
    expect(migration.problems).toEqual([]);
    expect(migration.state.joins).toEqual({ 'join-2': state.joins['arrangement-join'] });
    expect(migration.state.joinWaits).toEqual({ 'join-2': 2 });
    const done = drive(renamedJoin, migration.state, [
      ['income-administration', 'set-up', { 'income-administration-start': '2026-01-01' }],
    ]);
    expect(openTasks(done).map((t) => t.stepId)).toEqual(['aftercare']);

    const lost = editMapping(debtMapping, { gateways: [{ from: 'arrangement-join', to: null }] });
    expect(migrateRouting(v1, v2, lost, state, unclaimed).problems).toEqual([
      expect.objectContaining({ code: 'join-lost', path: '/joins/arrangement-join' }),
    ]);
  });

  it('refuses a case whose open handover came from a step the new version drops', () => {
    const state = drive(v1, atOutreach(), [
      ['outreach', 'reached', { 'contact-channel': 'phone' }],
    ]);
    const withoutOutreach = JSON.parse(JSON.stringify(v2)) as ReferenceModel;
    withoutOutreach.steps = withoutOutreach.steps.filter((s) => s.id !== 'outreach');
    withoutOutreach.routes = withoutOutreach.routes
      .filter((r) => r.from !== 'outreach')
      .map((r) => (r.to === 'outreach' ? { ...r, to: 'first-conversation' } : r));
    const edits: MappingEdits = {
      steps: [...(DEBT_CHAIN_EDITS.steps ?? []), { from: 'outreach', to: [] }],
    };
    const mapping = editMapping(generateMapping(v1, withoutOutreach), edits);
    const migration = migrateRouting(v1, withoutOutreach, mapping, state, unclaimed);
    expect(migration.problems).toEqual([
      expect.objectContaining({
        code: 'return-target-removed',
        path: '/tasks/first-conversation:1',
      }),
    ]);
  });

  it('refuses a case that would be left without open work', () => {
    const edits: MappingEdits = { steps: [{ from: 'outreach', to: [] }] };
    const migration = migrateRouting(
      v1,
      v2,
      editMapping(debtMapping, edits),
      atOutreach(),
      unclaimed,
    );
    expect(migration.tasks).toEqual([
      expect.objectContaining({
        taskKey: 'outreach:2',
        action: 'cancelled',
        because: 'step-removed',
      }),
    ]);
    expect(migration.problems.map((p) => p.code)).toEqual(['no-open-work']);
  });
});

describe('migrateRouting on parallel work', () => {
  const { merged, mapping: mergeMapping } = mergedBranches();

  it('merges two open branches into one task when the split is gone', () => {
    const state = startCase(parallelModel(), { category: 'general', data: {} }).state;
    const migration = migrateRouting(parallelModel(), merged, mergeMapping, state, unclaimed);
    expect(migration.problems).toEqual([]);
    expect(migration.tasks.map((t) => [t.taskKey, t.action, t.because])).toEqual([
      ['a:1', 'moved', undefined],
      ['b:1', 'cancelled', 'merged'],
    ]);
    expect(migration.state.joinWaits).toEqual({});
    const next = drive(merged, migration.state, [['ab', 'done']]);
    expect(openTasks(next).map((t) => t.stepId)).toEqual(['c']);
  });

  it('refuses to merge when one branch has already arrived at the join', () => {
    const state = drive(
      parallelModel(),
      startCase(parallelModel(), { category: 'general', data: {} }).state,
      [['a', 'done']],
    );
    expect(
      migrateRouting(parallelModel(), merged, mergeMapping, state, unclaimed).problems,
    ).toEqual([expect.objectContaining({ code: 'join-lost' })]);
  });

  it('splits a step into parallel branches: a new task for the other branch, the join waits for both', () => {
    const sequential = modelWith(() => undefined); // start → a → b → done
    const branched = parallelModel((m) => {
      m.steps = [step('a'), step('b', { partner: 'p2' }), step('c')];
      m.routes = [
        { from: 'start', to: 'a' },
        { from: 'a', to: 'split' },
        { from: 'split', to: 'b' },
        { from: 'split', to: 'c' },
        { from: 'b', to: 'join' },
        { from: 'c', to: 'join' },
        { from: 'join', to: 'done' },
      ];
    });
    const state = drive(
      sequential,
      startCase(sequential, { category: 'general', data: {} }).state,
      [['a', 'done']],
    );
    const mapping = editMapping(generateMapping(sequential, branched), {
      steps: [{ from: 'b', to: ['b', 'c'] }],
    });
    const migration = migrateRouting(sequential, branched, mapping, state, unclaimed);
    expect(migration.problems).toEqual([]);
    expect(migration.tasks.map((t) => [t.taskKey, t.action, t.after?.stepId])).toEqual([
      ['b:1', 'kept', 'b'],
      ['c:1', 'opened', 'c'],
    ]);
    expect(migration.state.joinWaits).toEqual({ join: 2 });
    const afterB = drive(branched, migration.state, [['b', 'done']]);
    expect(openTasks(afterB).map((t) => t.stepId)).toEqual(['c']);
    expect(drive(branched, afterB, [['c', 'done']]).ended?.endId).toBe('done');
    // The new branch's first task returns branch-locally, like one the split opened itself.
    const returned = returnTask(branched, afterB, { taskKey: 'c:1' }).state;
    expect(openTasks(returned).map((t) => t.stepId)).toEqual(['a']);
  });
});

import { HolidayCalendar } from '@schakel/calendar';
import type { ReferenceModel } from '@schakel/reference-model/engine';
import { type CaseTimes, clockHistory, overlapMs, taskFacts, type TaskTimes } from './task-fact';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const calendar = new HolidayCalendar();

/** Just the norms the facts read. */
const model = {
  steps: [
    { id: 'triage', norm: { target: { amount: 3, unit: 'workingDays' } } },
    {
      id: 'decide',
      norm: { target: { amount: 28, unit: 'calendarDays' }, atw: true, startsAt: 'caseOpened' },
    },
    { id: 'notify' },
    {
      id: 'handover',
      norm: {
        target: { amount: 10, unit: 'workingDays' },
        anchor: { field: 'release-date', direction: 'before' },
      },
    },
  ],
} as unknown as ReferenceModel;

const task = (
  overrides: Partial<TaskTimes> & Pick<TaskTimes, 'taskKey' | 'stepId'>,
): TaskTimes => ({
  partnerId: 'gemeente',
  status: 'completed',
  iteration: 1,
  handedOverBy: [],
  openedAt: at('2023-04-26T09:00:00+02:00'),
  claimedAt: at('2023-04-26T10:00:00+02:00'),
  closedAt: at('2023-05-02T09:00:00+02:00'),
  dueAt: null,
  ...overrides,
});

const times = (tasks: TaskTimes[], clockEvents: CaseTimes['clockEvents'] = []): CaseTimes => ({
  caseId: 'c',
  chainId: 'chain',
  modelVersion: 1,
  intensity: 'coordinate',
  openedAt: at('2023-04-26T09:00:00+02:00'),
  tasks,
  clockEvents,
});

describe('task facts', () => {
  it('meets a working-day norm on the due day because Koningsdag does not count', () => {
    const [fact] = taskFacts(
      times([task({ taskKey: 'triage#1', stepId: 'triage' })]),
      model,
      calendar,
    );
    expect(fact).toMatchObject({
      waitingMs: 1 * H,
      workingMs: 143 * H,
      handoverMs: null,
      normAmount: 3,
      normUnit: 'workingDays',
      elapsedInUnit: 3,
      withinNorm: true,
      closedDay: '2023-05-02',
    });
  });

  it('breaches the norm one working day later', () => {
    const late = task({
      taskKey: 'triage#1',
      stepId: 'triage',
      closedAt: at('2023-05-03T09:00:00+02:00'),
    });
    expect(taskFacts(times([late]), model, calendar)[0].withinNorm).toBe(false);
  });

  it('leaves suspended time out of working time and of the norm clock', () => {
    const suspended = task({
      taskKey: 'triage#1',
      stepId: 'triage',
      closedAt: at('2023-05-04T09:00:00+02:00'),
    });
    const events: CaseTimes['clockEvents'] = [
      {
        taskKey: 'triage#1',
        type: 'task.suspended',
        at: at('2023-05-01T09:00:00+02:00'),
        reason: 'client',
      },
      { taskKey: 'triage#1', type: 'task.resumed', at: at('2023-05-03T09:00:00+02:00') },
    ];
    // 5 working days (28 Apr, 1–4 May) less the 2 the suspension crossed (2, 3 May); due moves to 4 May.
    const [fact] = taskFacts(times([suspended], events), model, calendar);
    expect(fact).toMatchObject({
      suspendedMs: 48 * H,
      suspensions: 1,
      withinNorm: true,
      elapsedInUnit: 3,
    });
    expect(fact.workingMs).toBe(191 * H - 48 * H);
  });

  it('measures handover latency from the last handing-over task, and only judges completed tasks', () => {
    const facts = taskFacts(
      times([
        task({ taskKey: 'triage#1', stepId: 'triage' }),
        task({
          taskKey: 'decide#1',
          stepId: 'decide',
          status: 'returned',
          handedOverBy: ['triage#1'],
          openedAt: at('2023-05-02T09:00:00+02:00'),
          claimedAt: at('2023-05-02T13:00:00+02:00'),
          closedAt: at('2023-05-02T14:00:00+02:00'),
        }),
        task({ taskKey: 'notify#1', stepId: 'notify', status: 'open', closedAt: null }),
      ]),
      model,
      calendar,
    );
    expect(facts).toHaveLength(2);
    expect(facts[1]).toMatchObject({
      handoverMs: 4 * H,
      withinNorm: null,
      normAmount: 28,
      elapsedInUnit: 6,
    });
  });

  it('judges a norm anchored to a date by the due date the task closed against', () => {
    const handover = (closedAt: string, dueAt: number | null) =>
      task({ taskKey: 'handover#1', stepId: 'handover', closedAt: at(closedAt), dueAt });
    const due = at('2023-05-02T23:59:59.999+02:00');
    const [onTime] = taskFacts(
      times([handover('2023-05-02T09:00:00+02:00', due)]),
      model,
      calendar,
    );
    expect(onTime).toMatchObject({
      normAmount: 10,
      normUnit: 'workingDays',
      elapsedInUnit: null,
      withinNorm: true,
    });
    const [late] = taskFacts(times([handover('2023-05-03T09:00:00+02:00', due)]), model, calendar);
    expect(late.withinNorm).toBe(false);
    // The date never came: no due date, nothing to judge.
    const [undated] = taskFacts(
      times([handover('2023-05-03T09:00:00+02:00', null)]),
      model,
      calendar,
    );
    expect(undated.withinNorm).toBeNull();
  });

  it('pairs suspensions with resumptions and merges overlaps when measuring', () => {
    const history = clockHistory([
      { taskKey: 't', type: 'task.resumed', at: 20 },
      { taskKey: 't', type: 'task.suspended', at: 10, reason: 'x' },
      { taskKey: 't', type: 'task.extended', at: 30, dueAt: 99, reason: 'y' },
      { taskKey: 't', type: 'task.suspended', at: 40, reason: 'z' },
    ]);
    expect(history.suspensions).toEqual([
      { from: 10, to: 20, reason: 'x' },
      { from: 40, reason: 'z' },
    ]);
    expect(history.extensions).toEqual([{ at: 30, dueAt: 99, reason: 'y' }]);
    expect(overlapMs([{ from: 0, to: 10 }, { from: 5, to: 15 }, { from: 40 }], 2, 50)).toBe(
      13 + 10,
    );
  });
});

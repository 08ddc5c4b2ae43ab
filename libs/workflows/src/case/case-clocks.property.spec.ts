import fc from 'fast-check';
import { addCalendarDays, dueFromDate, HolidayCalendar } from '@schakel/calendar';
import type { CaseWorkflowInput } from '@schakel/contracts';
import {
  clockTerm,
  effectiveNorms,
  openTasks,
  type CaseData,
  type ReferenceModel,
} from '@schakel/reference-model/engine';
import { validModel } from '../../../reference-model/test/model-arbitraries';
import { caseworker, datedModel, regisseur } from '../../test/case-fixtures';
import { CaseMachine } from './case-machine';
import { readClocks } from './task-clocks';

const HOUR = 3600 * 1000;
const calendar = new HolidayCalendar();
// Monday 1 February 2027, 10:00 in Amsterdam.
const START = Date.parse('2027-02-01T09:00:00Z');
const worker = caseworker;

/** Dates around the start, and none: a date can lie in the past, the future, or be missing. */
const keyDate = fc.option(
  fc.integer({ min: -60, max: 120 }).map((days) => addCalendarDays('2027-02-01', days)),
);

function input(model: ReferenceModel, data: CaseData): CaseWorkflowInput {
  return {
    caseId: 'p1',
    chainId: model.chain.id,
    modelVersion: 1,
    model,
    category: 'general',
    intensity: 'align',
    openedBy: worker('p1'),
    intake: { clientQuestion: 'q', clientReference: 'KP-PROP', idempotencyKey: null },
    data,
    enforcesCaseNorm: true,
  };
}

/** The due date a norm anchored to `date` gives (null without the date or a target). */
function expectedDue(
  model: ReferenceModel,
  stepId: string | undefined,
  date: string | null,
): number | null {
  const terms = effectiveNorms(model, stepId, 'align');
  if (!terms?.anchor || !terms.target || date === null) return null;
  return dueFromDate(
    date,
    clockTerm(terms.target, terms.atw ?? false),
    terms.anchor.direction,
    calendar,
  );
}

describe('clocks anchored to a date in the case (property)', () => {
  it('give every task and the case the due date their date gives, on any generated model and path', () => {
    const anchoredModels = validModel.filter((model) =>
      model.fields.some((f) => f.id === 'key-date'),
    );
    fc.assert(
      fc.property(anchoredModels, keyDate, fc.infiniteStream(fc.nat()), (model, date, choices) => {
        const picks = choices[Symbol.iterator]();
        const pick = (n: number) => picks.next().value % n;
        const flags = model.intake.form.filter(({ field }) => field !== 'key-date');
        const data: CaseData = Object.fromEntries(flags.map(({ field }) => [field, pick(2) === 0]));
        if (date !== null) data['key-date'] = date;
        const { machine } = CaseMachine.open(input(model, data), START);
        let now = START;
        for (let moves = 0; machine.isOpen && moves < 100; moves++) {
          const state = machine.current;
          for (const task of openTasks(state.routing)) {
            const reading = readClocks(state.clocks[task.taskKey] ?? {}, now, calendar);
            const anchored = effectiveNorms(model, task.stepId, 'align')?.anchor;
            if (anchored && !reading.suspended) {
              expect(reading.dueAt).toBe(expectedDue(model, task.stepId, date));
            }
          }
          const caseDue = readClocks(state.caseClocks ?? {}, now, calendar).dueAt;
          if (model.caseNorm) expect(caseDue).toBe(expectedDue(model, undefined, date));
          // Every signal due goes out when the case wakes: none is left behind.
          const deadline = machine.nextDeadline(now);
          if (deadline !== null && deadline <= now + 48 * HOUR && pick(2) === 0) {
            now = Math.max(now, deadline);
            machine.apply(machine.fire(now));
            expect(machine.nextDeadline(now) ?? Infinity).toBeGreaterThan(now);
            continue;
          }
          const open = openTasks(machine.current.routing);
          const task = open[pick(open.length)];
          const step = model.steps.find((s) => s.id === task.stepId);
          const outcome = step?.outcomes[pick(step.outcomes.length)].id ?? 'done';
          now += pick(72) * HOUR;
          const completion = {
            taskKey: task.taskKey,
            actor: worker(task.partnerId),
            outcome,
            data: {},
          };
          machine.apply(machine.complete(completion, now));
        }
      }),
      { numRuns: 200 },
    );
  });

  /** Step `a` records the date; `b` is due 10 working days before it; the case 4 weeks after it. */
  const model = datedModel('key-date');

  it('move with every change of the date, once each, and clear when it is gone', () => {
    fc.assert(
      fc.property(
        keyDate,
        fc.array(fc.tuple(keyDate, fc.integer({ min: 1, max: 96 })), { maxLength: 8 }),
        (first, changes) => {
          const { machine } = CaseMachine.open(
            input(model, first === null ? {} : { 'key-date': first }),
            START,
          );
          let now = START;
          let date = first;
          for (const [index, [next, hours]] of changes.entries()) {
            now += hours * HOUR;
            // The first change completes a:1; each later one reopens a and completes it again.
            if (index > 0) {
              const reopen = {
                action: 'reopen' as const,
                stepId: 'a',
                actor: regisseur,
                reason: 'Nieuwe datum',
              };
              machine.apply(machine.act(reopen, now));
            }
            const taskKey = `a:${index + 1}`;
            const data = { 'key-date': next };
            const transition = machine.complete(
              { taskKey, actor: worker('p1'), outcome: 'done', data },
              now,
            );
            machine.apply(transition);
            const moved = transition.projection.events.filter((e) => e.type === 'task.due-moved');
            const caseMoved = transition.projection.events.filter(
              (e) => e.type === 'case.due-moved',
            );
            expect(moved).toHaveLength(next === date ? 0 : 1);
            expect(caseMoved).toHaveLength(next === date ? 0 : 1);
            date = next;
            const b = readClocks(machine.current.clocks['b:1'], now, calendar);
            expect(b.dueAt).toBe(expectedDue(model, 'b', date));
            expect(readClocks(machine.current.caseClocks ?? {}, now, calendar).dueAt).toBe(
              expectedDue(model, undefined, date),
            );
            if (moved.length) {
              expect(moved[0].details.dueAt ?? null).toBe(
                b.dueAt === null ? null : new Date(b.dueAt).toISOString(),
              );
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

import { dueDate, type HolidayCalendar } from '@schakel/calendar';
import type { EscalationState, EscalationTrigger } from '@schakel/contracts';
import {
  clockTerm,
  type EscalationLevel,
  type ReferenceModel,
} from '@schakel/reference-model/engine';

/** Escalations start at the first operational level (1) of the chain's ladder, or its lowest. */
const FIRST_LEVEL = 1;

function ladder(model: ReferenceModel): EscalationLevel[] {
  return [...model.escalation.ladder].sort((a, b) => a.level - b.level);
}

function dueAtLevel(
  model: ReferenceModel,
  level: EscalationLevel,
  since: number,
  calendar: HolidayCalendar,
): number | null {
  const hasHigher = ladder(model).some((candidate) => candidate.level > level.level);
  return hasHigher ? dueDate(since, clockTerm(level.timeBox, false), calendar) : null;
}

function atLevel(
  model: ReferenceModel,
  escalation: EscalationState,
  level: EscalationLevel,
  now: number,
  calendar: HolidayCalendar,
): EscalationState {
  return {
    ...escalation,
    level: level.level,
    levelName: level.name,
    owner: level.owner,
    levelSince: now,
    levelDueAt: dueAtLevel(model, level, now, calendar),
  };
}

export function raiseEscalation(
  model: ReferenceModel,
  id: string,
  trigger: EscalationTrigger,
  task: { taskKey: string; stepId: string; partnerId: string } | undefined,
  now: number,
  calendar: HolidayCalendar,
): EscalationState {
  const levels = ladder(model);
  const first = levels.find((candidate) => candidate.level >= FIRST_LEVEL) ?? levels[0];
  const base: EscalationState = {
    id,
    ...(task ? { taskKey: task.taskKey, stepId: task.stepId, partnerId: task.partnerId } : {}),
    trigger,
    level: first.level,
    levelName: first.name,
    owner: first.owner,
    raisedAt: now,
    levelSince: now,
    levelDueAt: null,
    status: 'open',
  };
  return atLevel(model, base, first, now, calendar);
}

/** The next level up, or undefined at the top of the ladder. */
export function climb(
  model: ReferenceModel,
  escalation: EscalationState,
  now: number,
  calendar: HolidayCalendar,
): EscalationState | undefined {
  const next = ladder(model).find((candidate) => candidate.level > escalation.level);
  return next ? atLevel(model, escalation, next, now, calendar) : undefined;
}

/** The next level down (never below the lowest rung), or undefined at the bottom. */
export function descend(
  model: ReferenceModel,
  escalation: EscalationState,
  now: number,
  calendar: HolidayCalendar,
): EscalationState | undefined {
  const lower = ladder(model).filter((candidate) => candidate.level < escalation.level);
  const previous = lower[lower.length - 1];
  return previous ? atLevel(model, escalation, previous, now, calendar) : undefined;
}

import type { HolidayCalendar } from '@schakel/calendar';
import type {
  Actor,
  EscalationProjection,
  EscalationState,
  EscalationTrigger,
} from '@schakel/contracts';
import type { ReferenceModel } from '@schakel/reference-model/engine';
import { raiseEscalation } from './escalation-ladder';
import type { TaskRef, Work } from './transition-work';

/** The escalation as its row in the regisseur's queue. */
export function escalationRow(escalation: EscalationState): EscalationProjection {
  return {
    ...escalation,
    raisedAt: new Date(escalation.raisedAt).toISOString(),
    levelSince: new Date(escalation.levelSince).toISOString(),
    levelDueAt:
      escalation.levelDueAt === null ? null : new Date(escalation.levelDueAt).toISOString(),
  };
}

function escalationTask(escalation: EscalationState): TaskRef | undefined {
  return escalation.taskKey && escalation.stepId && escalation.partnerId
    ? { taskKey: escalation.taskKey, stepId: escalation.stepId, partnerId: escalation.partnerId }
    : undefined;
}

/**
 * Raises a new escalation at the first level of the chain's ladder, on a task or (without one) on
 * the case as a whole; a person raising it says why.
 */
export function escalate(
  work: Work,
  model: ReferenceModel,
  calendar: HolidayCalendar,
  trigger: EscalationTrigger,
  task: TaskRef | undefined,
  raisedBy?: { actor: Actor; reason: string },
): void {
  const id = `${work.caseId}:escalation:${work.state.escalations.length + 1}`;
  const escalation = raiseEscalation(model, id, trigger, task, work.now, calendar);
  work.state.escalations.push(escalation);
  work.escalations.push(escalationRow(escalation));
  work.record(
    'escalation.raised',
    raisedBy?.actor,
    {
      escalationId: id,
      level: escalation.level,
      trigger,
      // A disagreement is put to the regisseur: its reason is for the regisseur and the raising partner.
      ...(raisedBy
        ? {
            reason: raisedBy.reason,
            audience: {
              organisations: [raisedBy.actor.organisationId ?? task?.partnerId].filter(
                (organisation): organisation is string => organisation !== undefined,
              ),
              regisseur: true,
            },
          }
        : {}),
    },
    task,
  );
  work.notifyEscalation('escalation.raised', escalation, `Escalatie: ${trigger}`);
}

/** Moves an escalation to another level (up by time box or by the regisseur, or down). */
export function moveEscalation(
  work: Work,
  escalation: EscalationState,
  moved: EscalationState,
  type: 'escalation.level-up' | 'escalation.de-escalated',
  actor: Actor | undefined,
  reason: string,
): void {
  Object.assign(escalation, moved);
  work.escalations.push(escalationRow(escalation));
  work.record(
    type,
    actor,
    { escalationId: escalation.id, level: escalation.level, reason },
    escalationTask(escalation),
  );
  // Up or down, the regisseur and the partner holding the task hear where it stands now.
  work.notifyEscalation(
    type,
    escalation,
    `Escalatie naar niveau ${escalation.level}: ${escalation.levelName}`,
  );
}

export function resolveEscalation(
  work: Work,
  escalation: EscalationState,
  actor: Actor | undefined,
  resolution: string,
): void {
  escalation.status = 'resolved';
  escalation.levelDueAt = null;
  work.escalations.push({
    ...escalationRow(escalation),
    resolvedAt: work.at,
    resolution,
    ...(actor ? { resolvedBy: actor.userId } : {}),
  });
  work.record(
    'escalation.resolved',
    actor,
    { escalationId: escalation.id, reason: resolution },
    escalationTask(escalation),
  );
  work.notifyEscalation('escalation.resolved', escalation, 'Escalatie opgelost');
}

/** A case that ends takes its open escalations with it. */
export function resolveAllEscalations(work: Work, actor: Actor, resolution: string): void {
  for (const escalation of work.state.escalations) {
    if (escalation.status === 'open') resolveEscalation(work, escalation, actor, resolution);
  }
}

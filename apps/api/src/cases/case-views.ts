import type { CaseEntity, CaseEventEntity, TaskEntity } from '@schakel/database';
import type {
  CaseDto,
  CaseNormDto,
  CaseSummaryDto,
  CaseTaskDto,
  TimelineEntryDto,
} from './case.dto';
import { CONFIDENTIAL_STEP_NAME, type NeedToKnow } from './need-to-know';

export function caseSummary(row: CaseEntity): CaseSummaryDto {
  return {
    id: row.id,
    number: row.number,
    chainId: row.chainId,
    modelVersion: row.modelVersion,
    category: row.category,
    intensity: row.intensity,
    status: row.status,
    currentPartners: row.currentPartners,
    result: row.result,
    endId: row.endId,
    exitReason: row.exitReason,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
    norm: caseNorm(row),
  };
}

/** The case norm's clock as the row holds it, with its state now (process data for every reader). */
export function caseNorm(row: CaseEntity, now = Date.now()): CaseNormDto | null {
  if (!row.normEnforced) return null;
  return {
    state: caseNormState(row, now),
    dueAt: row.normDueAt,
    escalationAt: row.normEscalationAt,
    suspendedSince: row.normSuspendedSince,
    suspendedMs: row.normSuspendedMs,
    extended: row.normExtended,
  };
}

function caseNormState(row: CaseEntity, now: number): CaseNormDto['state'] {
  if (row.status !== 'open') {
    if (row.normWithin === null) return 'unmeasured';
    return row.normWithin ? 'met' : 'missed';
  }
  if (row.normDueAt === null) return 'awaiting-date';
  if (row.normSuspendedSince) return 'suspended';
  if (row.normOverdueAt || row.normDueAt.getTime() < now) return 'overdue';
  return row.normExtended ? 'extended' : 'running';
}

export function caseTask(task: TaskEntity): CaseTaskDto {
  return {
    id: task.id,
    taskKey: task.taskKey,
    stepId: task.stepId,
    stepName: task.stepName,
    partnerId: task.partnerId,
    status: task.status,
    assigneeId: task.assigneeId,
    outcome: task.outcome,
    iteration: task.iteration,
    openedAt: task.openedAt,
    claimedAt: task.claimedAt,
    closedAt: task.closedAt,
    dueAt: task.dueAt,
    escalationAt: task.escalationAt,
    suspendedSince: task.suspendedSince,
    suspendedMs: task.suspendedMs,
    extended: task.extended,
  };
}

/** A task of a confidential step as other partners see it: that a partner works on the case. */
function hiddenTask(task: TaskEntity): CaseTaskDto {
  return {
    ...caseTask(task),
    id: null,
    taskKey: null,
    stepId: null,
    stepName: CONFIDENTIAL_STEP_NAME,
    partnerId: null,
    assigneeId: null,
    outcome: null,
    confidential: true,
  };
}

/** The case as this reader may see it: content for involved caseworkers, process data for everyone. */
export function caseView(
  row: CaseEntity,
  tasks: TaskEntity[],
  access: NeedToKnow,
): Omit<CaseDto, 'actions'> {
  const content = access.seesContent
    ? {
        clientQuestion: row.clientQuestion,
        clientReference: row.clientReference,
        data: access.data(row.data),
      }
    : {};
  return {
    ...caseSummary(row),
    currentPartners: access.currentPartners(
      tasks.filter((task) => task.status === 'open'),
      row.currentPartners,
    ),
    ...content,
    tasks: tasks.map((task) =>
      access.hidesStep(task.stepId, task.partnerId) ? hiddenTask(task) : caseTask(task),
    ),
  };
}

/** A timeline entry as this reader may read it; null when the reader does not learn of it. */
export function timelineEntry(event: CaseEventEntity, access: NeedToKnow): TimelineEntryDto | null {
  const details = access.event(event);
  if (details === null) return null;
  if (access.hidesStep(event.stepId, event.partnerId)) {
    // A return from a confidential step keeps its reason for the audience, nothing that names the step.
    const { reason, reasonWithheld, reasonCategory } = details;
    return {
      type: event.type,
      taskKey: null,
      stepId: null,
      partnerId: null,
      actorId: null,
      actorRole: null,
      actorOrganisation: null,
      occurredAt: event.occurredAt,
      details: Object.fromEntries(
        Object.entries({ reason, reasonWithheld, reasonCategory }).filter(
          ([, v]) => v !== undefined,
        ),
      ),
      confidential: true,
      summary: CONFIDENTIAL_STEP_NAME,
    };
  }
  const hiddenActor = access.hidesOrganisation(event.actorOrganisation);
  return {
    type: event.type,
    taskKey: access.taskKey(event.taskKey),
    stepId: event.stepId,
    partnerId: event.partnerId,
    actorId: hiddenActor ? null : event.actorId,
    actorRole: event.actorRole,
    actorOrganisation: hiddenActor ? null : event.actorOrganisation,
    occurredAt: event.occurredAt,
    details,
  };
}

import type { CaseEntity, CaseEventEntity, TaskEntity } from '@schakel/database';
import type { CaseDto, CaseSummaryDto, CaseTaskDto, TimelineEntryDto } from './case.dto';
import type { NeedToKnow } from './need-to-know';

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
  };
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

/** The case as this reader may see it: content for involved caseworkers, process data for everyone. */
export function caseView(row: CaseEntity, tasks: TaskEntity[], access: NeedToKnow): CaseDto {
  const content = access.seesContent
    ? {
        clientQuestion: row.clientQuestion,
        clientReference: row.clientReference,
        data: access.data(row.data),
      }
    : {};
  return { ...caseSummary(row), ...content, tasks: tasks.map(caseTask) };
}

export function timelineEntry(event: CaseEventEntity, access: NeedToKnow): TimelineEntryDto {
  return {
    type: event.type,
    taskKey: event.taskKey,
    stepId: event.stepId,
    partnerId: event.partnerId,
    actorId: event.actorId,
    actorRole: event.actorRole,
    actorOrganisation: event.actorOrganisation,
    occurredAt: event.occurredAt,
    details: access.event(event),
  };
}

import { dueDate, type HolidayCalendar } from '@schakel/calendar';
import {
  CASE_FAILURE,
  type Actor,
  type EscalationState,
  type RegisseurActionInput,
  type TaskChange,
} from '@schakel/contracts';
import {
  clockTerm,
  effectiveNorms,
  reassignTask,
  reopenTask,
  skipTask,
  type ReferenceModel,
  type RoutingResult,
  type TaskRecord,
} from '@schakel/reference-model/engine';
import { caseFailure, routed } from './case-failure';
import { moveEscalation, resolveAllEscalations, resolveEscalation } from './case-escalations';
import { climb, descend } from './escalation-ladder';
import { extendTaskClocks, readClocks, resumeTaskClocks, suspendTaskClocks } from './task-clocks';
import type { CancelReason, TaskRef, Work } from './transition-work';

/** What the regisseur's actions need from the case machine. */
export interface CaseOperations {
  readonly model: ReferenceModel;
  readonly calendar: HolidayCalendar;
  openRoutingTask(taskKey: string): TaskRecord;
  checkColleague(task: TaskRef, assignee: { organisationId: string | null }): void;
  openEscalation(work: Work, id: string): EscalationState;
  writeClocks(work: Work, taskKey: string, extra: Partial<TaskChange>): void;
  close(
    work: Work,
    taskKey: string,
    status: 'completed' | 'returned' | 'skipped' | 'cancelled',
    by?: string,
    outcome?: string,
  ): void;
  closeAllOpen(work: Work, actor: Actor, reason: string): void;
  route(work: Work, result: RoutingResult, actor: Actor): void;
  notifyCancelled(work: Work, task: TaskRef, reason: CancelReason): void;
}

/**
 * The regisseur's interventions on a case (reassign, extend, suspend, resume, remind, skip, reopen,
 * close, agreements and the escalation ladder), applied to a transition being built. Each throws
 * a typed failure when the model or the state does not allow it.
 */
export function applyRegisseurAction(
  ops: CaseOperations,
  work: Work,
  input: RegisseurActionInput,
): void {
  const { actor, reason } = input;
  const now = work.now;
  switch (input.action) {
    case 'reassign': {
      const task = ops.openRoutingTask(input.taskKey);
      let partnerId = task.partnerId;
      if (input.partnerId && input.partnerId !== task.partnerId) {
        const result = routed(() =>
          reassignTask(ops.model, work.state.routing, {
            taskKey: task.taskKey,
            partnerId: input.partnerId as string,
          }),
        );
        work.state.routing = result.state;
        partnerId = input.partnerId;
      }
      if (input.assignee) ops.checkColleague({ ...task, partnerId }, input.assignee);
      if (partnerId === task.partnerId && !input.assignee) {
        throw caseFailure(
          CASE_FAILURE.unprocessable,
          'nothing-to-change',
          'Name another partner or a caseworker to reassign to',
          [
            {
              field: 'partnerId',
              code: 'nothing-to-change',
              message: `the task is already held by ${task.partnerId}`,
            },
          ],
        );
      }
      const assigneeId = input.assignee?.userId ?? null;
      work.state.holders[task.taskKey] = {
        ...work.state.holders[task.taskKey],
        assigneeId,
        claimedAt: null,
      };
      work.change({ taskKey: task.taskKey, partnerId, assigneeId, claimedAt: null });
      // Both the partner that held the task and the one that receives it are concerned.
      const audience = {
        organisations: [...new Set([task.partnerId, partnerId])],
        regisseur: true,
      };
      work.record(
        'task.reassigned',
        actor,
        { reason, assigneeId, audience },
        { ...task, partnerId },
      );
      if (partnerId !== task.partnerId) ops.notifyCancelled(work, task, 'reassigned');
      work.notifyTask({
        kind: 'task.assigned',
        task: { ...task, partnerId },
        userIds: assigneeId ? [assigneeId] : undefined,
        title: 'Taak aan u overgedragen',
        body: 'De ketenregisseur heeft deze taak aan u overgedragen; de reden staat in de tijdlijn.',
      });
      break;
    }
    case 'extend': {
      const task = ops.openRoutingTask(input.taskKey);
      const terms = effectiveNorms(ops.model, task.stepId, work.state.routing.intensity);
      const clocks = work.state.clocks[task.taskKey];
      if (!terms?.extendable || !clocks?.target) {
        throw caseFailure(
          CASE_FAILURE.unprocessable,
          'norm-not-extendable',
          `The norm of step ${task.stepId} may not be extended`,
          [
            {
              field: 'dueAt',
              code: 'norm-not-extendable',
              message: 'the model does not allow extending this norm',
            },
          ],
        );
      }
      const dueAt = Date.parse(input.dueAt);
      const current = readClocks(clocks, now, ops.calendar).dueAt ?? now;
      if (!Number.isFinite(dueAt) || dueAt <= now || dueAt <= current) {
        throw caseFailure(
          CASE_FAILURE.unprocessable,
          'due-date-not-later',
          'The new due date must be later than now and than the current due date',
          [
            {
              field: 'dueAt',
              code: 'not-later',
              message: `must be after ${new Date(Math.max(now, current)).toISOString()}`,
            },
          ],
        );
      }
      const limit = terms.maxExtension
        ? dueDate(current, clockTerm(terms.maxExtension, terms.atw ?? false), ops.calendar)
        : Number.POSITIVE_INFINITY;
      if (dueAt > limit) {
        throw caseFailure(
          CASE_FAILURE.unprocessable,
          'beyond-max-extension',
          'The extension is longer than the model allows',
          [
            {
              field: 'dueAt',
              code: 'beyond-max-extension',
              message: `must be at most ${new Date(limit).toISOString()}`,
            },
          ],
        );
      }
      work.state.clocks[task.taskKey] = extendTaskClocks(clocks, dueAt, now, reason, ops.calendar);
      ops.writeClocks(work, task.taskKey, { extended: true });
      work.record('task.extended', actor, { reason, dueAt: new Date(dueAt).toISOString() }, task);
      break;
    }
    case 'suspend': {
      const task = ops.openRoutingTask(input.taskKey);
      const terms = effectiveNorms(ops.model, task.stepId, work.state.routing.intensity);
      const clocks = work.state.clocks[task.taskKey];
      if (!terms?.suspendable || !clocks?.target) {
        throw caseFailure(
          CASE_FAILURE.unprocessable,
          'norm-not-suspendable',
          `The clock of step ${task.stepId} may not be suspended`,
          [
            {
              field: 'taskKey',
              code: 'norm-not-suspendable',
              message: 'the model does not allow suspending this norm',
            },
          ],
        );
      }
      if (readClocks(clocks, now, ops.calendar).suspended) {
        throw caseFailure(
          CASE_FAILURE.conflict,
          'already-suspended',
          `The clock of task ${task.taskKey} is already suspended`,
        );
      }
      work.state.clocks[task.taskKey] = suspendTaskClocks(
        clocks,
        now,
        `waiting for ${input.waitingFor}: ${reason}`,
      );
      ops.writeClocks(work, task.taskKey, { suspendedSince: work.at });
      work.record('task.suspended', actor, { reason, waitingFor: input.waitingFor }, task);
      break;
    }
    case 'resume': {
      const task = ops.openRoutingTask(input.taskKey);
      const clocks = work.state.clocks[task.taskKey];
      if (!clocks || !readClocks(clocks, now, ops.calendar).suspended) {
        throw caseFailure(
          CASE_FAILURE.conflict,
          'not-suspended',
          `The clock of task ${task.taskKey} is not suspended`,
        );
      }
      work.state.clocks[task.taskKey] = resumeTaskClocks(clocks, now);
      work.state.movedAt = work.at; // the wait is over: a new quiet period (case-stalled) starts
      ops.writeClocks(work, task.taskKey, { suspendedSince: null });
      work.record('task.resumed', actor, { reason }, task);
      break;
    }
    case 'remind': {
      const task = ops.openRoutingTask(input.taskKey);
      const assignee = work.state.holders[task.taskKey]?.assigneeId;
      work.record('task.reminded', actor, { reason }, task);
      work.notifyTask({
        kind: 'task.reminder',
        task,
        userIds: assignee ? [assignee] : undefined,
        title: 'Herinnering van de ketenregisseur',
        body: 'De ketenregisseur vraagt aandacht voor deze taak; de reden staat in de tijdlijn.',
      });
      break;
    }
    case 'skip': {
      const task = ops.openRoutingTask(input.taskKey);
      const result = routed(() =>
        skipTask(ops.model, work.state.routing, { taskKey: task.taskKey }),
      );
      work.record(
        'task.skipped',
        actor,
        { reason, outcome: result.state.tasks.find((t) => t.taskKey === task.taskKey)?.outcome },
        task,
      );
      ops.close(work, task.taskKey, 'skipped');
      ops.route(work, result, actor);
      break;
    }
    case 'reopen': {
      const result = routed(() =>
        reopenTask(ops.model, work.state.routing, { stepId: input.stepId }),
      );
      work.record('task.reopened', actor, { reason });
      ops.route(work, result, actor);
      break;
    }
    case 'close': {
      const end = ops.model.ends.find((candidate) => candidate.id === input.endId);
      if (!end) {
        throw caseFailure(
          CASE_FAILURE.unprocessable,
          'unknown-end',
          `The model has no end '${input.endId}'`,
          [
            {
              field: 'endId',
              code: 'unknown-end',
              message: `must be one of ${ops.model.ends.map((e) => e.id).join(', ')}`,
            },
          ],
        );
      }
      ops.closeAllOpen(work, actor, reason);
      work.state.routing = {
        ...work.state.routing,
        ended: {
          endId: end.id,
          result: end.result,
          ...(end.exitReason ? { exitReason: end.exitReason } : {}),
        },
      };
      work.state.status = 'closed';
      work.record('case.closed', actor, {
        reason,
        endId: end.id,
        result: end.result,
        exitReason: end.exitReason,
      });
      work.notifyCaseEnded();
      resolveAllEscalations(work, actor, `Case closed: ${reason}`);
      break;
    }
    case 'record-agreement': {
      if (input.escalationId) ops.openEscalation(work, input.escalationId);
      work.record('agreement.recorded', actor, {
        reason,
        escalationId: input.escalationId,
      });
      break;
    }
    case 'resolve': {
      const escalation = ops.openEscalation(work, input.escalationId);
      resolveEscalation(work, escalation, actor, reason);
      break;
    }
    case 'escalate': {
      const escalation = ops.openEscalation(work, input.escalationId);
      const higher = climb(ops.model, escalation, now, ops.calendar);
      if (!higher)
        throw caseFailure(
          CASE_FAILURE.unprocessable,
          'top-of-ladder',
          `Escalation ${escalation.id} is at the top of the ladder`,
        );
      moveEscalation(work, escalation, higher, 'escalation.level-up', actor, reason);
      break;
    }
    case 'de-escalate': {
      const escalation = ops.openEscalation(work, input.escalationId);
      const lower = descend(ops.model, escalation, now, ops.calendar);
      if (!lower)
        throw caseFailure(
          CASE_FAILURE.unprocessable,
          'bottom-of-ladder',
          `Escalation ${escalation.id} is at the lowest level`,
        );
      moveEscalation(work, escalation, lower, 'escalation.de-escalated', actor, reason);
      break;
    }
  }
}

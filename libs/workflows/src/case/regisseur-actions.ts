import { dueDate, type HolidayCalendar } from '@schakel/calendar';
import {
  CASE_FAILURE,
  type Actor,
  type CaseEventRecord,
  type ClockChange,
  type EscalationState,
  type RegisseurActionInput,
  type TaskClocks,
} from '@schakel/contracts';
import {
  clockTerm,
  reassignTask,
  reopenTask,
  skipTask,
  type NormTerms,
  type ReferenceModel,
  type RoutingResult,
  type TaskRecord,
} from '@schakel/reference-model/engine';
import { caseFailure, routed } from './case-failure';
import { moveEscalation, resolveAllEscalations, resolveEscalation } from './case-escalations';
import { climb, descend } from './escalation-ladder';
import { extendTaskClocks, readClocks, resumeTaskClocks, suspendTaskClocks } from './task-clocks';
import type { CancelReason, TaskRef, Work } from './transition-work';

/**
 * The clocks the regisseur extends, suspends or resumes: a task's, or the case norm's. Both run
 * the same way; only where they are kept and what the timeline calls the change differ.
 */
export interface ClockSubject {
  /** For messages: `step <id>` or `the case`. */
  name: string;
  terms: NormTerms | undefined;
  clocks: TaskClocks | undefined;
  save(clocks: TaskClocks, columns: ClockChange): void;
  record(change: 'extended' | 'suspended' | 'resumed', details: CaseEventRecord['details']): void;
}

/** What the regisseur's actions need from the case machine. */
export interface CaseOperations {
  readonly model: ReferenceModel;
  readonly calendar: HolidayCalendar;
  openRoutingTask(taskKey: string): TaskRecord;
  checkColleague(task: TaskRef, assignee: { organisationId: string | null }): void;
  openEscalation(work: Work, id: string): EscalationState;
  close(
    work: Work,
    taskKey: string,
    status: 'completed' | 'returned' | 'skipped' | 'cancelled',
    by?: string,
    outcome?: string,
  ): void;
  closeAllOpen(work: Work, actor: Actor, reason: string): void;
  /** A task's clocks (`taskKey`) or, without it, the case norm's. */
  clockSubject(work: Work, actor: Actor, taskKey: string | undefined): ClockSubject;
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
      const subject = ops.clockSubject(work, actor, input.taskKey);
      const { terms, clocks } = subject;
      if (!terms?.extendable || !clocks?.target) {
        throw caseFailure(
          CASE_FAILURE.unprocessable,
          'norm-not-extendable',
          `The norm of ${subject.name} may not be extended`,
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
      subject.save(extendTaskClocks(clocks, dueAt, now, reason, ops.calendar), { extended: true });
      subject.record('extended', { reason, dueAt: new Date(dueAt).toISOString() });
      break;
    }
    case 'suspend': {
      const subject = ops.clockSubject(work, actor, input.taskKey);
      const { terms, clocks } = subject;
      if (!terms?.suspendable || !clocks?.target) {
        throw caseFailure(
          CASE_FAILURE.unprocessable,
          'norm-not-suspendable',
          `The clock of ${subject.name} may not be suspended`,
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
          `The clock of ${subject.name} is already suspended`,
        );
      }
      subject.save(suspendTaskClocks(clocks, now, `waiting for ${input.waitingFor}: ${reason}`), {
        suspendedSince: work.at,
      });
      subject.record('suspended', { reason, waitingFor: input.waitingFor });
      break;
    }
    case 'resume': {
      const subject = ops.clockSubject(work, actor, input.taskKey);
      const { clocks } = subject;
      if (!clocks || !readClocks(clocks, now, ops.calendar).suspended) {
        throw caseFailure(
          CASE_FAILURE.conflict,
          'not-suspended',
          `The clock of ${subject.name} is not suspended`,
        );
      }
      // A task's wait is over: a new quiet period (case-stalled) starts.
      if (input.taskKey !== undefined) work.state.movedAt = work.at;
      subject.save(resumeTaskClocks(clocks, now), { suspendedSince: null });
      subject.record('resumed', { reason });
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

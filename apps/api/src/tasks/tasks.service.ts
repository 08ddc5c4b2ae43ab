import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { UpdateDefinition } from '@temporalio/common';
import {
  assignTaskUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  regisseurActionUpdate,
  returnTaskUpdate,
  unclaimTaskUpdate,
  type CaseTransitionResult,
  type RegisseurActionInput,
  type TaskUpdateInput,
} from '@schakel/contracts';
import { CaseRepository, TaskRepository, UserRepository, type TaskEntity } from '@schakel/database';
import type { AuthenticatedUser } from '@schakel/identity';
import {
  effectiveNorms,
  enumChoices,
  taskWork,
  type CaseData,
  type Intensity,
  type ReferenceModel,
} from '@schakel/reference-model/engine';
import { actorOf, updateIdOf } from '../cases/actor';
import { caseTask } from '../cases/case-views';
import { CaseWorkflowClient } from '../cases/case-workflow.client';
import { NeedToKnow } from '../cases/need-to-know';
import { ModelSnapshots } from '../models/model-snapshots';
import { decodeCursor, encodeCursor } from './inbox-cursor';
import type { DueAnchorDto } from '../cases/case.dto';
import type {
  FormFieldDto,
  InboxItemDto,
  InboxPageDto,
  InboxQueryDto,
  TaskDetailDto,
} from './task.dto';

/** The caseworker's side: their organisation's inbox and what they do with a task. */
@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly cases: CaseRepository,
    private readonly users: UserRepository,
    private readonly snapshots: ModelSnapshots,
    private readonly workflows: CaseWorkflowClient,
  ) {}

  async inbox(user: AuthenticatedUser, query: InboxQueryDto): Promise<InboxPageDto> {
    const rows = await this.tasks.inbox({
      organisationId: user.organisationId as string,
      userId: user.id,
      view: query.view,
      chainId: query.chainId,
      stepId: query.stepId,
      dueBefore: query.dueBefore,
      sort: query.sort,
      limit: query.limit + 1,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
    });
    const page = rows.slice(0, query.limit);
    const labels = await this.cases.inboxLabels([...new Set(page.map((task) => task.caseId))]);
    const last = page[page.length - 1];
    const sortValue = (task: TaskEntity) =>
      (query.sort.endsWith('due') ? task.dueAt : task.openedAt)?.toISOString() ?? null;
    return {
      items: page.map((task) =>
        inboxItem(task, labels.get(task.caseId) ?? { number: 0, clientReference: '' }),
      ),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ value: sortValue(last), id: last.id })
          : null,
    };
  }

  /** The task with its step and the case as far as this step's organisation may see it. */
  async detail(taskId: string, user: AuthenticatedUser): Promise<TaskDetailDto> {
    const task = await this.ownTask(taskId, user);
    const row = await this.cases.findForReader(task.caseId, { organisationId: null });
    if (!row) throw taskNotFound(taskId);
    const [model, caseTasks, offered] = await Promise.all([
      this.snapshots.get(row.chainId, row.modelVersion),
      this.tasks.findByCase(row.id),
      this.workflows.actions(row, {
        actor: actorOf(user),
        taskKeys: [task.taskKey],
        caseLevel: false,
      }),
    ]);
    const earlier = await this.snapshots.earlier(row.chainId, row.modelVersion, caseTasks);
    const access = new NeedToKnow(user, model, caseTasks, row.openedByOrganisation, earlier);
    const step = model.steps.find((candidate) => candidate.id === task.stepId);
    if (!step) throw taskNotFound(taskId);
    // A contributor's task in a joint step asks for its contribution, not the lead's work.
    const work = taskWork(step, task.taskKey);
    return {
      task: inboxItem(task, row),
      case: {
        id: row.id,
        number: row.number,
        chainId: row.chainId,
        modelVersion: row.modelVersion,
        status: row.status,
        clientQuestion: row.clientQuestion,
        clientReference: row.clientReference,
        data: access.data(row.data) as CaseData,
        fields: formFields(
          model,
          access.visibleFieldIds.map((field) => ({ field, required: false })),
        ),
      },
      step: {
        id: step.id,
        name: step.name,
        instructions: work.instructions,
        outcomes: work.outcomes,
        form: formFields(model, work.form),
        handsOver: work.handsOver,
        ...(work.contributor ? { contributor: work.contributor } : {}),
        ...(step.returnReasons ? { returnReasons: step.returnReasons } : {}),
        ...dueFrom(model, step.id, row.intensity as Intensity),
      },
      ...offered,
    };
  }

  claim(taskId: string, user: AuthenticatedUser, key?: string): Promise<CaseTransitionResult> {
    return this.send(taskId, user, key, claimTaskUpdate, {});
  }

  unclaim(taskId: string, user: AuthenticatedUser, key?: string): Promise<CaseTransitionResult> {
    return this.send(taskId, user, key, unclaimTaskUpdate, {});
  }

  async assign(
    taskId: string,
    assigneeId: string,
    user: AuthenticatedUser,
    key?: string,
  ): Promise<CaseTransitionResult> {
    const task = await this.ownTask(taskId, user);
    const assignee = await this.users.findById(assigneeId);
    if (
      !assignee ||
      assignee.role !== 'caseworker' ||
      assignee.organisationId !== user.organisationId
    ) {
      throw new UnprocessableEntityException({
        message: 'Tasks can only be assigned to a caseworker of your own organisation',
        errors: [
          {
            field: 'assigneeId',
            code: 'not-a-colleague',
            message: 'is not a caseworker of your organisation',
          },
        ],
      });
    }
    return this.sendFor(task, user, key, assignTaskUpdate, {
      assignee: { userId: assignee.id, organisationId: assignee.organisationId },
    });
  }

  complete(
    taskId: string,
    outcome: string,
    data: CaseData,
    user: AuthenticatedUser,
    key?: string,
  ): Promise<CaseTransitionResult> {
    return this.send(taskId, user, key, completeTaskUpdate, { outcome, data });
  }

  return(
    taskId: string,
    handover: { reason: string; category?: string },
    user: AuthenticatedUser,
    key?: string,
  ): Promise<CaseTransitionResult> {
    return this.send(taskId, user, key, returnTaskUpdate, {
      reason: handover.reason,
      ...(handover.category ? { category: handover.category } : {}),
    });
  }

  /** A partner disagrees with another about this task: a `partners-disagree` escalation. */
  async disagree(
    taskId: string,
    reason: string,
    user: AuthenticatedUser,
    key?: string,
  ): Promise<CaseTransitionResult> {
    const task = await this.ownTask(taskId, user);
    const input: RegisseurActionInput = {
      action: 'disagree',
      taskKey: task.taskKey,
      reason,
      actor: actorOf(user),
    };
    return this.workflows.update(task.caseId, regisseurActionUpdate, input, updateIdOf(user, key));
  }

  /** Every task request: find the caller's own task (404 otherwise), then one Update to its case. */
  private async send<Input extends TaskUpdateInput>(
    taskId: string,
    user: AuthenticatedUser,
    key: string | undefined,
    definition: UpdateDefinition<CaseTransitionResult, [Input]>,
    request: Omit<Input, keyof TaskUpdateInput>,
  ): Promise<CaseTransitionResult> {
    return this.sendFor(await this.ownTask(taskId, user), user, key, definition, request);
  }

  private sendFor<Input extends TaskUpdateInput>(
    task: TaskEntity,
    user: AuthenticatedUser,
    key: string | undefined,
    definition: UpdateDefinition<CaseTransitionResult, [Input]>,
    request: Omit<Input, keyof TaskUpdateInput>,
  ): Promise<CaseTransitionResult> {
    const input = { ...request, taskKey: task.taskKey, actor: actorOf(user) } as Input;
    return this.workflows.update(task.caseId, definition, input, updateIdOf(user, key));
  }

  /** Another organisation's task answers 404, so its existence does not leak. */
  private async ownTask(taskId: string, user: AuthenticatedUser): Promise<TaskEntity> {
    const task = user.organisationId
      ? await this.tasks.findForOrganisation(taskId, user.organisationId)
      : null;
    if (!task) throw taskNotFound(taskId);
    return task;
  }
}

function taskNotFound(taskId: string): NotFoundException {
  return new NotFoundException(`Task ${taskId} does not exist or is not held by your organisation`);
}

function inboxItem(
  task: TaskEntity,
  label: { number: number; clientReference: string },
): InboxItemDto {
  return {
    ...caseTask(task),
    caseId: task.caseId,
    caseNumber: label.number,
    clientReference: label.clientReference,
    chainId: task.chainId,
    modelVersion: task.modelVersion,
    overdue: task.status === 'open' && task.dueAt !== null && task.dueAt.getTime() < Date.now(),
  };
}

/** The date a step's due date is counted from or back to, at the case's intensity. */
function dueFrom(
  model: ReferenceModel,
  stepId: string,
  intensity: Intensity,
): { dueFrom?: DueAnchorDto } {
  const anchor = effectiveNorms(model, stepId, intensity)?.anchor;
  const field = anchor && model.fields.find((candidate) => candidate.id === anchor.field);
  return anchor && field
    ? { dueFrom: { field: field.id, label: field.label, direction: anchor.direction } }
    : {};
}

function formFields(
  model: ReferenceModel,
  form: { field: string; required: boolean }[],
): FormFieldDto[] {
  return form.flatMap(({ field, required }) => {
    const definition = model.fields.find((candidate) => candidate.id === field);
    if (!definition) return [];
    return [
      {
        field,
        required,
        label: definition.label,
        type: definition.type,
        ...(definition.values ? { values: enumChoices(definition) } : {}),
        ...(definition.description ? { description: definition.description } : {}),
      },
    ];
  });
}

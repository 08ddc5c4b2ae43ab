import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import {
  regisseurActionUpdate,
  type CaseTransitionResult,
  type RegisseurAction,
} from '@schakel/contracts';
import {
  CaseRepository,
  EscalationRepository,
  TaskRepository,
  UserRepository,
  type EscalationEntity,
} from '@schakel/database';
import { actsFor, chainsFor, type AuthenticatedUser, type ChainRole } from '@schakel/identity';
import { actorOf, updateIdOf } from '../cases/actor';
import { caseTask } from '../cases/case-views';
import { CaseWorkflowClient } from '../cases/case-workflow.client';
import { CasesService } from '../cases/cases.service';

import type {
  EscalationDetailDto,
  EscalationDto,
  EscalationPageDto,
  EscalationQueryDto,
} from './regie.dto';

/** The regisseur's work: the escalation queue and every intervention, each through the case workflow. */
@Injectable()
export class RegieService {
  constructor(
    private readonly escalations: EscalationRepository,
    private readonly cases: CaseRepository,
    private readonly tasks: TaskRepository,
    private readonly users: UserRepository,
    private readonly casesService: CasesService,
    private readonly workflows: CaseWorkflowClient,
  ) {}

  async queue(query: EscalationQueryDto, user: AuthenticatedUser): Promise<EscalationPageDto> {
    const chainIds = chainsFor(user, 'regisseur', 'operations');
    const [rows, total] = await this.escalations.queue({ ...query, chainIds });
    return { items: rows.map((row) => escalationDto(row, user)), total };
  }

  async detail(id: string, user: AuthenticatedUser): Promise<EscalationDetailDto> {
    const escalation = await this.escalation(id, user, 'regisseur', 'operations');
    const [view, tasks, history, timeline] = await Promise.all([
      this.casesService.view(escalation.caseId, user),
      this.tasks.findByCase(escalation.caseId),
      this.escalations.findByCase(escalation.caseId),
      this.casesService.timeline(escalation.caseId, user),
    ]);
    const { tasks: _tasks, ...summary } = view;
    const offered = actsFor(user, escalation.chainId, 'regisseur')
      ? await this.workflows.actions(view, {
          actor: actorOf(user),
          taskKeys: [],
          caseLevel: false,
          escalationId: escalation.id,
        })
      : { actions: [] };
    return {
      escalation: escalationDto(escalation, user),
      case: summary,
      tasks: tasks.map(caseTask),
      history: history.map((row) => escalationDto(row, user)),
      timeline,
      ...offered,
    };
  }

  async onEscalation(
    id: string,
    action: 'resolve' | 'escalate' | 'de-escalate',
    reason: string,
    user: AuthenticatedUser,
    key?: string,
  ): Promise<CaseTransitionResult> {
    const escalation = await this.escalation(id, user, 'regisseur');
    return this.act(escalation.caseId, { action, escalationId: id }, reason, user, key);
  }

  /** Reassign to another partner, to a named caseworker, or both; the caseworker is looked up here. */
  async reassign(
    caseId: string,
    taskKey: string,
    change: { partnerId?: string; assigneeId?: string },
    reason: string,
    user: AuthenticatedUser,
    key?: string,
  ): Promise<CaseTransitionResult> {
    let assignee: { userId: string; organisationId: string | null } | undefined;
    if (change.assigneeId) {
      const found = await this.users.findById(change.assigneeId);
      if (!found || found.role !== 'caseworker') {
        throw new UnprocessableEntityException({
          message: 'The named assignee is not a caseworker',
          errors: [
            { field: 'assigneeId', code: 'not-a-caseworker', message: 'must be a caseworker' },
          ],
        });
      }
      assignee = { userId: found.id, organisationId: found.organisationId };
    }
    const partnerId = change.partnerId ?? (assignee?.organisationId || undefined);
    return this.act(
      caseId,
      { action: 'reassign', taskKey, partnerId, assignee },
      reason,
      user,
      key,
    );
  }

  async act(
    caseId: string,
    action: RegisseurAction,
    reason: string,
    user: AuthenticatedUser,
    key?: string,
  ): Promise<CaseTransitionResult> {
    const reader = { organisationId: null, chainIds: chainsFor(user, 'regisseur') };
    if (!(await this.cases.findForReader(caseId, reader))) {
      throw new NotFoundException(`Case ${caseId} does not exist`);
    }
    return this.workflows.update(
      caseId,
      regisseurActionUpdate,
      { ...action, actor: actorOf(user), reason },
      updateIdOf(user, key),
    );
  }

  /** The escalation, if the user holds one of these roles for its chain; 404 otherwise. */
  private async escalation(
    id: string,
    user: AuthenticatedUser,
    ...roles: ChainRole[]
  ): Promise<EscalationEntity> {
    const escalation = await this.escalations.findById(id);
    if (!escalation || !actsFor(user, escalation.chainId, ...roles))
      throw new NotFoundException(`Escalation ${id} does not exist`);
    return escalation;
  }
}

/** The resolution is the regisseur's free text: operations learn only that there is one. */
function escalationDto(row: EscalationEntity, reader: AuthenticatedUser): EscalationDto {
  return {
    id: row.id,
    caseId: row.caseId,
    chainId: row.chainId,
    taskKey: row.taskKey,
    stepId: row.stepId,
    partnerId: row.partnerId,
    trigger: row.trigger,
    level: row.level,
    levelName: row.levelName,
    owner: row.owner,
    status: row.status,
    raisedAt: row.raisedAt,
    levelSince: row.levelSince,
    levelDueAt: row.levelDueAt,
    ageSeconds: Math.round(
      ((row.resolvedAt ?? new Date()).getTime() - row.raisedAt.getTime()) / 1000,
    ),
    resolvedAt: row.resolvedAt,
    resolution: reader.role === 'regisseur' ? row.resolution : null,
    resolutionWithheld: reader.role !== 'regisseur' && row.resolution !== null,
  };
}

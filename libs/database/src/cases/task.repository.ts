import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, Repository } from 'typeorm';
import { TaskEntity } from './task.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type InboxView = 'open' | 'mine' | 'unassigned';
export type InboxSort = 'opened' | '-opened' | 'due' | '-due';

export interface TaskInboxQuery {
  organisationId: string;
  userId: string;
  view: InboxView;
  chainId?: string;
  stepId?: string;
  dueBefore?: Date;
  sort: InboxSort;
  limit: number;
  /** Keyset position after which to continue: the sort value and id of the last row seen. */
  after?: { value: string | null; id: string };
}

const SORT_COLUMN: Record<InboxSort, string> = {
  opened: 't.opened_at',
  '-opened': 't.opened_at',
  // Tasks without a norm sort after every dated one.
  due: "COALESCE(t.due_at, 'infinity'::timestamptz)",
  '-due': "COALESCE(t.due_at, '-infinity'::timestamptz)",
};

@Injectable()
export class TaskRepository {
  constructor(@InjectRepository(TaskEntity) private readonly rows: Repository<TaskEntity>) {}

  /** An organisation's open tasks, keyset-paged so deep pages cost the same as the first. */
  async inbox(query: TaskInboxQuery): Promise<TaskEntity[]> {
    const descending = query.sort.startsWith('-');
    const column = SORT_COLUMN[query.sort];
    const builder = this.rows
      .createQueryBuilder('t')
      .where("t.status = 'open' AND t.partner_id = :organisationId", {
        organisationId: query.organisationId,
      });
    if (query.view === 'mine')
      builder.andWhere('t.assignee_id = :userId', { userId: query.userId });
    if (query.view === 'unassigned') builder.andWhere('t.assignee_id IS NULL');
    if (query.chainId) builder.andWhere('t.chain_id = :chainId', { chainId: query.chainId });
    if (query.stepId) builder.andWhere('t.step_id = :stepId', { stepId: query.stepId });
    if (query.dueBefore) builder.andWhere('t.due_at < :dueBefore', { dueBefore: query.dueBefore });
    if (query.after) {
      const comparison = descending ? '<' : '>';
      const after = query.after;
      builder.andWhere(
        new Brackets((where) =>
          where.where(
            `(${column}, t.id) ${comparison} (:afterValue::timestamptz, :afterId::uuid)`,
            {
              afterValue: after.value ?? (query.sort === 'due' ? 'infinity' : '-infinity'),
              afterId: after.id,
            },
          ),
        ),
      );
    }
    return builder
      .orderBy(column, descending ? 'DESC' : 'ASC')
      .addOrderBy('t.id', descending ? 'DESC' : 'ASC')
      .limit(query.limit)
      .getMany();
  }

  /** A task its holding organisation may act on; null when it is not theirs (or does not exist). */
  findForOrganisation(id: string, organisationId: string): Promise<TaskEntity | null> {
    return this.rows.findOne({ where: { id, partnerId: organisationId } });
  }

  /** Open tasks this user has claimed (or was assigned), e.g. to release when they leave. */
  findOpenClaimedBy(userId: string): Promise<TaskEntity[]> {
    return this.rows.find({ where: { assigneeId: userId, status: 'open' } });
  }

  findById(id: string): Promise<TaskEntity | null> {
    return this.rows.findOne({ where: { id } });
  }

  findByCase(caseId: string): Promise<TaskEntity[]> {
    return this.rows.find({ where: { caseId }, order: { openedAt: 'ASC', taskKey: 'ASC' } });
  }

  /** The open tasks of several cases at once (a page of the case list). */
  findOpenByCases(caseIds: string[]): Promise<TaskEntity[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return this.rows.find({ where: { caseId: In(caseIds), status: 'open' } });
  }

  /** The row id of a case's task, for links; null when the case id is no UUID or the task unknown. */
  async findIdByKey(caseId: string, taskKey: string): Promise<string | null> {
    if (!UUID.test(caseId)) return null;
    const task = await this.rows.findOne({ select: { id: true }, where: { caseId, taskKey } });
    return task?.id ?? null;
  }

  /** Status and holder of these tasks, for telling whether a notification's task is still someone's. */
  findHolders(ids: string[]): Promise<Pick<TaskEntity, 'id' | 'status' | 'partnerId'>[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.rows.find({
      select: { id: true, status: true, partnerId: true },
      where: { id: In(ids) },
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { BatchedWriter } from '../batched-writer';
import { AuditEntryEntity } from './audit-entry.entity';

export type NewAuditEntry = Omit<AuditEntryEntity, 'id' | 'at'>;

export interface AuditQuery {
  caseId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** The columns an audit line is written with (`id` and `at` come from the table). */
const LINE_COLUMNS = `request_id varchar, actor_id uuid, actor_role varchar, actor_organisation varchar,
  method varchar, route varchar, path varchar, case_id uuid, status_code integer, reason text,
  reason_given boolean`;

@Injectable()
export class AuditLogRepository {
  /** Concurrent requests' lines share a statement and a commit (see BatchedWriter). */
  private readonly lines = new BatchedWriter<NewAuditEntry>((entries) => this.insert(entries));

  constructor(
    @InjectRepository(AuditEntryEntity) private readonly rows: Repository<AuditEntryEntity>,
  ) {}

  /**
   * Resolves once the line is written; fails when it could not be (the caller withholds its answer).
   * With `manager`, inside that transaction (with the change it records); otherwise group-committed
   * with the lines of concurrent requests.
   */
  async append(entry: NewAuditEntry, manager?: EntityManager): Promise<void> {
    if (manager) await manager.getRepository(AuditEntryEntity).insert(entry);
    else await this.lines.add(entry);
  }

  private async insert(entries: NewAuditEntry[]): Promise<void> {
    const lines = entries.map((entry) => ({
      request_id: entry.requestId,
      actor_id: entry.actorId,
      actor_role: entry.actorRole,
      actor_organisation: entry.actorOrganisation,
      method: entry.method,
      route: entry.route,
      path: entry.path,
      case_id: entry.caseId,
      status_code: entry.statusCode,
      reason: entry.reason,
      reason_given: entry.reasonGiven,
    }));
    await this.rows.query(
      `INSERT INTO audit_log (request_id, actor_id, actor_role, actor_organisation, method, route, path,
         case_id, status_code, reason, reason_given)
       SELECT request_id, actor_id, actor_role, actor_organisation, method, route, path, case_id,
         status_code, reason, reason_given
       FROM jsonb_to_recordset($1::jsonb) AS l(${LINE_COLUMNS})`,
      [JSON.stringify(lines)],
    );
  }

  search(query: AuditQuery): Promise<[AuditEntryEntity[], number]> {
    const builder = this.rows.createQueryBuilder('a');
    if (query.caseId) builder.andWhere('a.case_id = :caseId', { caseId: query.caseId });
    if (query.actorId) builder.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.from) builder.andWhere('a.at >= :from', { from: query.from });
    if (query.to) builder.andWhere('a.at < :to', { to: query.to });
    return builder
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
  }
}

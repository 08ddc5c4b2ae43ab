import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
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

@Injectable()
export class AuditLogRepository {
  constructor(
    @InjectRepository(AuditEntryEntity) private readonly rows: Repository<AuditEntryEntity>,
  ) {}

  /** Appends a line; with `manager`, inside that transaction (with the change it records). */
  async append(entry: NewAuditEntry, manager?: EntityManager): Promise<void> {
    await (manager ? manager.getRepository(AuditEntryEntity) : this.rows).insert(entry);
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

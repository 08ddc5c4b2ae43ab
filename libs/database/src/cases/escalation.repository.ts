import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { EscalationEntity } from './escalation.entity';

export interface EscalationQueueQuery {
  status: 'open' | 'resolved';
  level?: number;
  chainId?: string;
  /** Only these chains' escalations (null or absent: every chain). */
  chainIds?: readonly string[] | null;
  partnerId?: string;
  /** `level`: highest level first, then oldest; `age`: oldest first. */
  sort: 'level' | 'age';
  limit: number;
  offset: number;
}

/** The regisseur's queue; escalations carry process data only, so chain-wide roles read them all. */
@Injectable()
export class EscalationRepository {
  constructor(
    @InjectRepository(EscalationEntity) private readonly rows: Repository<EscalationEntity>,
  ) {}

  queue(query: EscalationQueueQuery): Promise<[EscalationEntity[], number]> {
    const builder = this.rows
      .createQueryBuilder('e')
      .where('e.status = :status', { status: query.status });
    if (query.level !== undefined) builder.andWhere('e.level = :level', { level: query.level });
    if (query.chainId) builder.andWhere('e.chain_id = :chainId', { chainId: query.chainId });
    if (query.chainIds)
      builder.andWhere('e.chain_id = ANY(:chainIds)', { chainIds: query.chainIds });
    if (query.partnerId)
      builder.andWhere('e.partner_id = :partnerId', { partnerId: query.partnerId });
    if (query.sort === 'level') builder.orderBy('e.level', 'DESC').addOrderBy('e.raised_at', 'ASC');
    else
      builder.orderBy(
        query.status === 'open' ? 'e.raised_at' : 'e.resolved_at',
        query.status === 'open' ? 'ASC' : 'DESC',
      );
    return builder.addOrderBy('e.id').take(query.limit).skip(query.offset).getManyAndCount();
  }

  findById(id: string): Promise<EscalationEntity | null> {
    return this.rows.findOne({ where: { id } });
  }

  findByCase(caseId: string): Promise<EscalationEntity[]> {
    return this.rows.find({ where: { caseId }, order: { raisedAt: 'ASC' } });
  }
}

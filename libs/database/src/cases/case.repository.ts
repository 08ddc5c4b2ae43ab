import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { CaseEntity } from './case.entity';

/**
 * Who reads: a caseworker's organisation sees the cases it is involved in; chain roles see the
 * cases of `chainIds`. Either suffices. Both absent (organisation null, chainIds null or left
 * out) means every case: for the platform's own lookups and every-chain roles.
 */
export type CaseReader = { organisationId: string | null; chainIds?: readonly string[] | null };

const PARTICIPANT =
  'EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.id AND p.organisation_id = :organisationId)';

export interface CaseSearch {
  chainId?: string;
  status?: CaseEntity['status'];
  partnerId?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class CaseRepository {
  constructor(@InjectRepository(CaseEntity) private readonly rows: Repository<CaseEntity>) {}

  /** The number and chain pseudonym of each case, for an organisation's inbox of its own tasks. */
  async inboxLabels(
    ids: string[],
  ): Promise<Map<string, { number: number; clientReference: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.rows.find({
      select: { id: true, number: true, clientReference: true },
      where: { id: In(ids) },
    });
    return new Map(
      rows.map((row) => [row.id, { number: row.number, clientReference: row.clientReference }]),
    );
  }

  findByIdempotencyKey(openedBy: string, key: string): Promise<CaseEntity | null> {
    return this.rows.findOne({ where: { openedBy, idempotencyKey: key } });
  }

  /** The case, if this reader may know it exists: involved organisations, or chain-wide roles. */
  findForReader(id: string, reader: CaseReader): Promise<CaseEntity | null> {
    return this.readable(reader).andWhere('c.id = :id', { id }).getOne();
  }

  search(reader: CaseReader, search: CaseSearch): Promise<[CaseEntity[], number]> {
    const query = this.readable(reader);
    if (search.chainId) query.andWhere('c.chain_id = :chainId', { chainId: search.chainId });
    if (search.status) query.andWhere('c.status = :status', { status: search.status });
    if (search.partnerId && reader.organisationId && search.partnerId !== reader.organisationId) {
      // Another partner, asked by a caseworker: only an open task of that partner the reader may
      // see counts, so a search cannot reveal who works on a confidential step (issue 12).
      query.andWhere(
        `EXISTS (SELECT 1 FROM tasks t
           JOIN model_versions mv ON mv.chain_id = t.chain_id AND mv.version = t.model_version
           WHERE t.case_id = c.id AND t.status = 'open' AND t.partner_id = :partnerId
             AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(mv.document->'steps') s
               WHERE s->>'id' = t.step_id AND s->>'confidential' = 'true'))`,
        { partnerId: search.partnerId },
      );
    } else if (search.partnerId) {
      query.andWhere(':partnerId = ANY(c.current_partners)', { partnerId: search.partnerId });
    }
    return query
      .orderBy('c.opened_at', 'DESC')
      .addOrderBy('c.id')
      .take(search.limit)
      .skip(search.offset)
      .getManyAndCount();
  }

  private readable(reader: CaseReader) {
    const query = this.rows.createQueryBuilder('c');
    const { organisationId } = reader;
    const chainIds = reader.chainIds ?? null;
    if (!organisationId && !chainIds) return query;
    const either = [
      ...(organisationId ? [PARTICIPANT] : []),
      ...(chainIds ? ['c.chain_id = ANY(:chainIds)'] : []),
    ];
    return query.where(`(${either.join(' OR ')})`, { organisationId, chainIds });
  }
}

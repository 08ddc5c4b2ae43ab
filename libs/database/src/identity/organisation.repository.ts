import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

export interface OrganisationSearch {
  /** Organisations that are partners in one of these chains' published models (null: all). */
  chainIds: readonly string[] | null;
  active?: boolean;
  limit: number;
  offset: number;
}

@Injectable()
export class OrganisationRepository {
  constructor(
    @InjectRepository(OrganisationEntity) private readonly rows: Repository<OrganisationEntity>,
  ) {}

  findAll(): Promise<OrganisationEntity[]> {
    return this.rows.find({ order: { name: 'ASC' } });
  }

  findById(id: string): Promise<OrganisationEntity | null> {
    return this.rows.findOne({ where: { id } });
  }

  findByIds(ids: string[]): Promise<OrganisationEntity[]> {
    return this.rows.find({ where: { id: In(ids) }, order: { name: 'ASC' } });
  }

  search(search: OrganisationSearch): Promise<[OrganisationEntity[], number]> {
    const query = this.rows.createQueryBuilder('o');
    if (search.chainIds) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM model_versions v WHERE o.id = ANY(v.partner_ids) AND v.chain_id = ANY(:chainIds))',
        { chainIds: search.chainIds },
      );
    }
    if (search.active !== undefined)
      query.andWhere('o.active = :active', { active: search.active });
    return query
      .orderBy('o.name')
      .addOrderBy('o.id')
      .take(search.limit)
      .skip(search.offset)
      .getManyAndCount();
  }

  /** The chains whose published models name this organisation as a partner. */
  async chainsOf(id: string): Promise<string[]> {
    const rows = await this.rows.query<{ chain_id: string }[]>(
      'SELECT DISTINCT chain_id FROM model_versions WHERE $1 = ANY(partner_ids) ORDER BY chain_id',
      [id],
    );
    return rows.map((row) => row.chain_id);
  }

  /** The chains whose published models name one of these organisations (null: every chain). */
  async chainsOfAny(ids: readonly string[] | null): Promise<string[]> {
    const rows = await this.rows.query<{ chain_id: string }[]>(
      `SELECT DISTINCT chain_id FROM model_versions
       WHERE $1::text[] IS NULL OR partner_ids && $1::text[] ORDER BY chain_id`,
      [ids],
    );
    return rows.map((row) => row.chain_id);
  }

  /** Registers an organisation without renaming an existing one; false when the id exists. */
  async insertIfMissing(organisation: Pick<OrganisationEntity, 'id' | 'name'>): Promise<boolean> {
    const result = await this.rows
      .createQueryBuilder()
      .insert()
      .values(organisation)
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async rename(id: string, name: string): Promise<void> {
    await this.rows.update({ id }, { name });
  }

  /** False when it was already inactive (or does not exist). */
  async setActive(id: string, active: boolean): Promise<boolean> {
    const result = await this.rows.update(
      { id, active: !active },
      { active, deactivatedAt: active ? null : new Date() },
    );
    return (result.affected ?? 0) > 0;
  }
}

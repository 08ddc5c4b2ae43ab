import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

@Injectable()
export class OrganisationRepository {
  constructor(
    @InjectRepository(OrganisationEntity) private readonly rows: Repository<OrganisationEntity>,
  ) {}

  findAll(): Promise<OrganisationEntity[]> {
    return this.rows.find({ order: { name: 'ASC' } });
  }

  findByIds(ids: string[]): Promise<OrganisationEntity[]> {
    return this.rows.find({ where: { id: In(ids) }, order: { name: 'ASC' } });
  }

  /** Registers an organisation without renaming an existing one. */
  async insertIfMissing(organisation: Pick<OrganisationEntity, 'id' | 'name'>): Promise<void> {
    await this.rows.createQueryBuilder().insert().values(organisation).orIgnore().execute();
  }

  async upsert(organisation: Pick<OrganisationEntity, 'id' | 'name'>): Promise<void> {
    await this.rows.upsert(organisation, ['id']);
  }
}

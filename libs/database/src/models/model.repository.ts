import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { ModelDraftEntity } from './model-draft.entity';
import { ModelVersionEntity } from './model-version.entity';

export type NewDraft = Omit<ModelDraftEntity, 'createdAt' | 'updatedAt'>;
export type NewVersion = Pick<
  ModelVersionEntity,
  'chainId' | 'chainName' | 'document' | 'source' | 'sourceFormat' | 'partnerIds' | 'publishedBy'
>;

/**
 * Who may read which published models: a caseworker's organisation those it is a partner in,
 * chain roles those of `chainIds`; either suffices. Both absent means every model.
 */
export type ModelReader = { organisationId: string | null; chainIds?: readonly string[] | null };

@Injectable()
export class ModelRepository {
  constructor(
    @InjectRepository(ModelDraftEntity) private readonly drafts: Repository<ModelDraftEntity>,
    @InjectRepository(ModelVersionEntity) private readonly versions: Repository<ModelVersionEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  findDraft(chainId: string): Promise<ModelDraftEntity | null> {
    return this.drafts.findOne({ where: { chainId } });
  }

  /** Drafts of these chains (null: of every chain). */
  listDrafts(chainIds: readonly string[] | null): Promise<ModelDraftEntity[]> {
    return this.drafts.find({
      where: chainIds ? { chainId: In([...chainIds]) } : {},
      order: { chainId: 'ASC' },
    });
  }

  /** Inserts a new draft; false when the chain already has one. */
  async insertDraft(draft: NewDraft): Promise<boolean> {
    const result = await this.drafts
      .createQueryBuilder()
      .insert()
      .values(draft)
      .orIgnore()
      .returning('chain_id')
      .execute();
    return result.raw.length > 0;
  }

  async saveDraft(draft: NewDraft): Promise<ModelDraftEntity> {
    await this.drafts.save(draft);
    return (await this.findDraft(draft.chainId)) as ModelDraftEntity;
  }

  async deleteDraft(chainId: string): Promise<boolean> {
    const result = await this.drafts.delete({ chainId });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Freezes a draft as the next version in one transaction (the primary key makes a concurrent
   * publish of the same chain fail instead of producing two version Ns) and removes the draft.
   */
  publish(version: NewVersion): Promise<ModelVersionEntity> {
    return this.dataSource.transaction(async (manager) => {
      const [{ next }] = await manager.query<{ next: number }[]>(
        'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM model_versions WHERE chain_id = $1',
        [version.chainId],
      );
      const row = manager.create(ModelVersionEntity, {
        ...version,
        version: next,
        status: 'published',
        publishedAt: new Date(),
      });
      await manager.insert(ModelVersionEntity, row);
      await manager.delete(ModelDraftEntity, { chainId: version.chainId });
      return row;
    });
  }

  findVersion(
    chainId: string,
    version: number,
    reader: ModelReader,
  ): Promise<ModelVersionEntity | null> {
    const query = this.readable(reader).andWhere('v.chain_id = :chainId AND v.version = :version', {
      chainId,
      version,
    });
    return query.getOne();
  }

  /** The version new cases start on: the highest one still published. */
  findLatestPublished(chainId: string, reader: ModelReader): Promise<ModelVersionEntity | null> {
    return this.readable(reader)
      .andWhere("v.chain_id = :chainId AND v.status = 'published'", { chainId })
      .orderBy('v.version', 'DESC')
      .getOne();
  }

  listVersions(chainId: string, reader: ModelReader): Promise<ModelVersionEntity[]> {
    return this.readable(reader)
      .select(this.summaryColumns())
      .andWhere('v.chain_id = :chainId', { chainId })
      .orderBy('v.version', 'DESC')
      .getMany();
  }

  /** Every chain's versions in summary (no documents), newest first per chain. */
  listAllVersions(reader: ModelReader): Promise<ModelVersionEntity[]> {
    return this.readable(reader)
      .select(this.summaryColumns())
      .orderBy('v.chain_id', 'ASC')
      .addOrderBy('v.version', 'DESC')
      .getMany();
  }

  /** Retires a published version; false when it was not published (already retired or missing). */
  async retire(chainId: string, version: number, by: string, reason: string): Promise<boolean> {
    const result = await this.versions
      .createQueryBuilder()
      .update()
      .set({ status: 'retired', retiredBy: by, retiredAt: () => 'now()', retireReason: reason })
      .where("chain_id = :chainId AND version = :version AND status = 'published'", {
        chainId,
        version,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  private readable(reader: ModelReader) {
    const query = this.versions.createQueryBuilder('v').where('TRUE');
    const { organisationId } = reader;
    const chainIds = reader.chainIds ?? null;
    if (!organisationId && !chainIds) return query;
    const either = [
      ...(organisationId ? [':organisationId = ANY(v.partner_ids)'] : []),
      ...(chainIds ? ['v.chain_id = ANY(:chainIds)'] : []),
    ];
    return query.andWhere(`(${either.join(' OR ')})`, { organisationId, chainIds });
  }

  private summaryColumns(): string[] {
    return [
      'v.chainId',
      'v.version',
      'v.chainName',
      'v.partnerIds',
      'v.status',
      'v.sourceFormat',
      'v.publishedBy',
      'v.publishedAt',
      'v.retiredBy',
      'v.retiredAt',
      'v.retireReason',
    ];
  }
}

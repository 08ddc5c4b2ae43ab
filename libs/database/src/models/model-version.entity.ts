import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReferenceModel } from '@schakel/reference-model/engine';

export type ModelSourceFormat = 'yaml' | 'json';
export type ModelVersionStatus = 'published' | 'retired';

@Entity({ name: 'model_versions' })
export class ModelVersionEntity {
  @PrimaryColumn({ name: 'chain_id', type: 'varchar', length: 64 })
  chainId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ name: 'chain_name', type: 'varchar', length: 200 })
  chainName!: string;

  @Column({ type: 'jsonb' })
  document!: ReferenceModel;

  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'source_format', type: 'varchar', length: 4 })
  sourceFormat!: ModelSourceFormat;

  /** Partner organisations in the model, for "the models my organisation takes part in". */
  @Column({ name: 'partner_ids', type: 'text', array: true })
  partnerIds!: string[];

  @Column({ type: 'varchar', length: 10 })
  status!: ModelVersionStatus;

  @Column({ name: 'published_by', type: 'uuid' })
  publishedBy!: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ name: 'retired_by', type: 'uuid', nullable: true })
  retiredBy!: string | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ name: 'retire_reason', type: 'text', nullable: true })
  retireReason!: string | null;
}

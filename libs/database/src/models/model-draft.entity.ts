import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ReferenceModel } from '@schakel/reference-model/engine';
import type { ModelSourceFormat } from './model-version.entity';

@Entity({ name: 'model_drafts' })
export class ModelDraftEntity {
  @PrimaryColumn({ name: 'chain_id', type: 'varchar', length: 64 })
  chainId!: string;

  /** The model as parsed; structurally valid (JSON Schema), possibly with semantic problems. */
  @Column({ type: 'jsonb' })
  document!: ReferenceModel;

  /** The text as the model owner wrote it, comments included. */
  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'source_format', type: 'varchar', length: 4 })
  sourceFormat!: ModelSourceFormat;

  @Column({ name: 'based_on_version', type: 'integer', nullable: true })
  basedOnVersion!: number | null;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

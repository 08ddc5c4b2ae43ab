import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MigrationMapping } from '@schakel/reference-model/migration';

/** One revision of a model owner's plan to move a chain's running cases between two versions. */
@Entity({ name: 'migration_plans' })
export class MigrationPlanEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'chain_id', type: 'varchar', length: 64 })
  chainId!: string;

  @Column({ name: 'from_version', type: 'integer' })
  fromVersion!: number;

  @Column({ name: 'to_version', type: 'integer' })
  toVersion!: number;

  /** 1 for the first plan between these versions, one more for every saved edit. */
  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'jsonb' })
  mapping!: MigrationMapping;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

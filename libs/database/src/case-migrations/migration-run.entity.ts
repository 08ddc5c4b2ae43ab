import { Column, Entity, PrimaryColumn } from 'typeorm';

export type MigrationRunStatus = 'running' | 'finished';

/** One carrying out of a plan revision over the cases selected when it started. */
@Entity({ name: 'migration_runs' })
export class MigrationRunEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @Column({ name: 'chain_id', type: 'varchar', length: 64 })
  chainId!: string;

  @Column({ name: 'from_version', type: 'integer' })
  fromVersion!: number;

  @Column({ name: 'to_version', type: 'integer' })
  toVersion!: number;

  /** The owner's reason, in each migrated case's timeline for its partners and the regisseur. */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'started_by', type: 'uuid' })
  startedBy!: string;

  @Column({ name: 'started_by_role', type: 'varchar', length: 20 })
  startedByRole!: string;

  @Column({ name: 'batch_size', type: 'integer' })
  batchSize!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: MigrationRunStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseMigrationView } from '@schakel/contracts';

export type MigrationCaseOutcome = 'pending' | Exclude<CaseMigrationView['outcome'], 'migratable'>;

/** A case a run selected, its batch and what became of it. */
@Entity({ name: 'migration_cases' })
export class MigrationCaseEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'integer' })
  batch!: number;

  @Column({ type: 'varchar', length: 20 })
  outcome!: MigrationCaseOutcome;

  /** The case's answer: what happened to each task, or the problems that refused it. */
  @Column({ type: 'jsonb', nullable: true })
  detail!: CaseMigrationView | null;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt!: Date | null;
}

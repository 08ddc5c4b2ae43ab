import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EscalationTrigger } from '@schakel/contracts';

@Entity({ name: 'escalations' })
export class EscalationEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'chain_id', type: 'varchar', length: 64 })
  chainId!: string;

  @Column({ name: 'model_version', type: 'integer' })
  modelVersion!: number;

  @Column({ name: 'task_key', type: 'varchar', length: 100, nullable: true })
  taskKey!: string | null;

  @Column({ name: 'step_id', type: 'varchar', length: 64, nullable: true })
  stepId!: string | null;

  @Column({ name: 'partner_id', type: 'varchar', length: 64, nullable: true })
  partnerId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  trigger!: EscalationTrigger;

  @Column({ type: 'integer' })
  level!: number;

  @Column({ name: 'level_name', type: 'varchar', length: 100 })
  levelName!: string;

  /** The role or body that owns the current level. */
  @Column({ type: 'varchar', length: 100 })
  owner!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: 'open' | 'resolved';

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;

  @Column({ name: 'level_since', type: 'timestamptz' })
  levelSince!: Date;

  @Column({ name: 'level_due_at', type: 'timestamptz', nullable: true })
  levelDueAt!: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  resolution!: string | null;
}

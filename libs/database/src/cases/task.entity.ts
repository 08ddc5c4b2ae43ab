import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type TaskStatus = 'open' | 'completed' | 'skipped' | 'returned' | 'cancelled';

@Entity({ name: 'tasks' })
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'task_key', type: 'varchar', length: 100 })
  taskKey!: string;

  @Column({ name: 'chain_id', type: 'varchar', length: 64 })
  chainId!: string;

  @Column({ name: 'model_version', type: 'integer' })
  modelVersion!: number;

  @Column({ name: 'step_id', type: 'varchar', length: 64 })
  stepId!: string;

  @Column({ name: 'step_name', type: 'varchar', length: 200 })
  stepName!: string;

  /** The organisation holding the task. */
  @Column({ name: 'partner_id', type: 'varchar', length: 64 })
  partnerId!: string;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @Column({ type: 'varchar', length: 12 })
  status!: TaskStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  outcome!: string | null;

  @Column({ type: 'integer' })
  iteration!: number;

  @Column({ name: 'handed_over_by', type: 'text', array: true })
  handedOverBy!: string[];

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'escalation_at', type: 'timestamptz', nullable: true })
  escalationAt!: Date | null;

  /** Set while the clocks are suspended. */
  @Column({ name: 'suspended_since', type: 'timestamptz', nullable: true })
  suspendedSince!: Date | null;

  /** Paused time so far, which the norm does not count. */
  @Column({
    name: 'suspended_ms',
    type: 'bigint',
    transformer: { from: Number, to: (v: unknown) => v },
  })
  suspendedMs!: number;

  @Column({ type: 'boolean' })
  extended!: boolean;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseData } from '@schakel/reference-model/engine';

export type CaseStatus = 'open' | 'closed' | 'cancelled';

@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Short number for people to quote; ids are for machines. */
  @Column({
    type: 'bigint',
    insert: false,
    update: false,
    transformer: { from: Number, to: (v: unknown) => v },
  })
  number!: number;

  @Column({ name: 'chain_id', type: 'varchar', length: 64 })
  chainId!: string;

  @Column({ name: 'model_version', type: 'integer' })
  modelVersion!: number;

  @Column({ type: 'varchar', length: 64 })
  category!: string;

  @Column({ type: 'varchar', length: 16 })
  intensity!: string;

  @Column({ name: 'client_question', type: 'text' })
  clientQuestion!: string;

  /** A chain pseudonym, never a BSN in clear. */
  @Column({ name: 'client_reference', type: 'varchar', length: 100 })
  clientReference!: string;

  /** All case data; readers only ever get the fields their steps may see. */
  @Column({ type: 'jsonb' })
  data!: CaseData;

  @Column({ type: 'varchar', length: 12 })
  status!: CaseStatus;

  @Column({ name: 'end_id', type: 'varchar', length: 64, nullable: true })
  endId!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  result!: string | null;

  @Column({ name: 'exit_reason', type: 'text', nullable: true })
  exitReason!: string | null;

  @Column({ name: 'current_partners', type: 'text', array: true })
  currentPartners!: string[];

  @Column({ name: 'opened_by', type: 'uuid' })
  openedBy!: string;

  @Column({ name: 'opened_by_organisation', type: 'varchar', length: 64, nullable: true })
  openedByOrganisation!: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** The case runs against its model's case norm (the columns below are its clock). */
  @Column({ name: 'norm_enforced', type: 'boolean' })
  normEnforced!: boolean;

  /** Null while the date the case norm is anchored to is missing. */
  @Column({ name: 'norm_due_at', type: 'timestamptz', nullable: true })
  normDueAt!: Date | null;

  @Column({ name: 'norm_escalation_at', type: 'timestamptz', nullable: true })
  normEscalationAt!: Date | null;

  @Column({ name: 'norm_suspended_since', type: 'timestamptz', nullable: true })
  normSuspendedSince!: Date | null;

  @Column({
    name: 'norm_suspended_ms',
    type: 'bigint',
    transformer: { from: Number, to: (v: unknown) => v },
  })
  normSuspendedMs!: number;

  @Column({ name: 'norm_extended', type: 'boolean' })
  normExtended!: boolean;

  @Column({ name: 'norm_overdue_at', type: 'timestamptz', nullable: true })
  normOverdueAt!: Date | null;

  /** Set when the case ended: whether it ended by its due date (null: it had none). */
  @Column({ name: 'norm_within', type: 'boolean', nullable: true })
  normWithin!: boolean | null;
}

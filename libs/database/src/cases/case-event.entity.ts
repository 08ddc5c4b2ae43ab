import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseEventRecord } from '@schakel/contracts';

@Entity({ name: 'case_events' })
export class CaseEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 200 })
  eventId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: CaseEventRecord['type'];

  @Column({ name: 'task_key', type: 'varchar', length: 100, nullable: true })
  taskKey!: string | null;

  @Column({ name: 'step_id', type: 'varchar', length: 64, nullable: true })
  stepId!: string | null;

  @Column({ name: 'partner_id', type: 'varchar', length: 64, nullable: true })
  partnerId!: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 20, nullable: true })
  actorRole!: string | null;

  @Column({ name: 'actor_organisation', type: 'varchar', length: 64, nullable: true })
  actorOrganisation!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'jsonb' })
  details!: CaseEventRecord['details'];
}

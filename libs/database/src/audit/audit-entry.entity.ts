import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'audit_log' })
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 20, nullable: true })
  actorRole!: string | null;

  @Column({ name: 'actor_organisation', type: 'varchar', length: 64, nullable: true })
  actorOrganisation!: string | null;

  @Column({ type: 'varchar', length: 10 })
  method!: string;

  /** The route pattern, e.g. `/cases/:caseId/timeline`: what kind of access it was. */
  @Column({ type: 'varchar', length: 200 })
  route!: string;

  @Column({ type: 'varchar', length: 500 })
  path!: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'status_code', type: 'integer' })
  statusCode!: number;

  /**
   * Free text of rows written before free text had an audience (issue 12); new rows leave it
   * null and set `reasonGiven`. Never returned by the API.
   */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** The caller gave a reason (regisseur actions, returns, cancellations); its text stays with the case. */
  @Column({ name: 'reason_given', type: 'boolean', default: false })
  reasonGiven!: boolean;
}

import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const EMAIL_MODES = ['immediate', 'daily'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** An opt-in to notifications by e-mail: an organisation's mailbox or one person's. */
@Entity({ name: 'email_subscriptions' })
export class EmailSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Set for an organisation's subscription: every event for that organisation. */
  @Column({ name: 'organisation_id', type: 'varchar', length: 64, nullable: true })
  organisationId!: string | null;

  /** Set for a person's subscription: every event that reaches them in-app. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 320 })
  address!: string;

  @Column({ type: 'varchar', length: 10 })
  mode!: EmailMode;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

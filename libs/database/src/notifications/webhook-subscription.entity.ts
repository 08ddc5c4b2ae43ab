import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where an organisation wants its events POSTed, and the secret their signature is made with. */
@Entity({ name: 'webhook_subscriptions' })
export class WebhookSubscriptionEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'varchar', length: 64 })
  organisationId!: string;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  /** Needed in clear to sign with; never returned by the API (only its last characters). */
  @Column({ type: 'varchar', length: 200 })
  secret!: string;

  @Column({ type: 'boolean' })
  active!: boolean;

  /** Event kinds to send; null means every kind. */
  @Column({ name: 'event_kinds', type: 'text', array: true, nullable: true })
  eventKinds!: string[] | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

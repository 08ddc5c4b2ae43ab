import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where an organisation wants its events POSTed, and the secrets their signatures are made with. */
@Entity({ name: 'webhook_subscriptions' })
export class WebhookSubscriptionEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'varchar', length: 64 })
  organisationId!: string;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  /** The `whsec_` signing secret, sealed with AES-256-GCM (SecretBox); null until one is issued. */
  @Column({ name: 'secret_sealed', type: 'text', nullable: true })
  secretSealed!: string | null;

  /** The secret's last four characters, so admins can tell secrets apart without seeing them. */
  @Column({ name: 'secret_hint', type: 'varchar', length: 8, nullable: true })
  secretHint!: string | null;

  /** After a rotation, the old secret (sealed) also signs until `previousSecretExpiresAt`. */
  @Column({ name: 'previous_secret_sealed', type: 'text', nullable: true })
  previousSecretSealed!: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

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

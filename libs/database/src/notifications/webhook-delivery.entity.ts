import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One event for one organisation's webhook, with the outcome of its latest attempt. */
@Entity({ name: 'webhook_deliveries' })
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'varchar', length: 64 })
  organisationId!: string;

  /** Idempotency key, unique per organisation; also the `id` receivers see in the payload. */
  @Column({ name: 'event_id', type: 'varchar', length: 200 })
  eventId!: string;

  @Column({ name: 'event_kind', type: 'varchar', length: 64 })
  eventKind!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 100, nullable: true })
  caseId!: string | null;

  /** The chain of the case, part of the CloudEvents `source`; null for events outside a chain. */
  @Column({ name: 'chain_id', type: 'varchar', length: 64, nullable: true })
  chainId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** The `data` of the webhook body. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 20 })
  status!: WebhookDeliveryStatus;

  /** Every HTTP attempt, across the automatic series and any admin retries. */
  @Column({ type: 'integer' })
  attempts!: number;

  /** How often an admin restarted the attempt series of this failed delivery. */
  @Column({ name: 'manual_retries', type: 'integer' })
  manualRetries!: number;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

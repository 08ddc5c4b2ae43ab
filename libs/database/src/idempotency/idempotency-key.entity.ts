import { Column, Entity, PrimaryColumn } from 'typeorm';

export type IdempotencyKeyStatus = 'in-flight' | 'completed';

@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  /** Method and route pattern, e.g. `POST /tasks/:taskId/complete`. */
  @PrimaryColumn({ type: 'varchar', length: 200 }) route!: string;
  @PrimaryColumn({ type: 'varchar', length: 255 }) key!: string;
  /** SHA-256 of method, path and body. */
  @Column({ type: 'char', length: 64 }) fingerprint!: string;
  @Column({ type: 'varchar', length: 10 }) status!: IdempotencyKeyStatus;
  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus!: number | null;
  /** The answer's body as JSON text (not jsonb, which refuses the `\u0000` escape). */
  @Column({ name: 'response_body', type: 'text', nullable: true }) responseBody!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
}

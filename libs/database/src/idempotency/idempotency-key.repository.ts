import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

/** One caller's key on one route. */
export interface IdempotencyScope {
  userId: string;
  route: string;
  key: string;
}

export interface IdempotencyExpiry {
  /** A completed key is forgotten after this many seconds (a retry later is a new request). */
  retainSeconds: number;
  /** An in-flight key older than this belongs to a request that died with its process. */
  leaseSeconds: number;
}

/** The first request's claim on a key, or the row of the request that claimed it before. */
export type IdempotencyClaim =
  { claimed: true } | { claimed: false; existing: IdempotencyKeyEntity };

@Injectable()
export class IdempotencyKeyRepository {
  constructor(
    @InjectRepository(IdempotencyKeyEntity)
    private readonly rows: Repository<IdempotencyKeyEntity>,
  ) {}

  /**
   * Claims the key for a request in flight; atomic, so of two concurrent first requests exactly
   * one claims it. An expired completed key or an abandoned in-flight one is dropped first.
   */
  async claim(
    scope: IdempotencyScope,
    fingerprint: string,
    expiry: IdempotencyExpiry,
  ): Promise<IdempotencyClaim> {
    await this.rows.query(
      `DELETE FROM idempotency_keys
        WHERE user_id = $1 AND route = $2 AND key = $3
          AND ((status = 'completed' AND created_at < now() - make_interval(secs => $4))
            OR (status = 'in-flight' AND created_at < now() - make_interval(secs => $5)))`,
      [scope.userId, scope.route, scope.key, expiry.retainSeconds, expiry.leaseSeconds],
    );
    const inserted: unknown[] = await this.rows.query(
      `INSERT INTO idempotency_keys (user_id, route, key, fingerprint, status)
       VALUES ($1, $2, $3, $4, 'in-flight')
       ON CONFLICT DO NOTHING
       RETURNING key`,
      [scope.userId, scope.route, scope.key, fingerprint],
    );
    if (inserted.length > 0) return { claimed: true };
    const existing = await this.rows.findOneBy({ ...scope });
    // Released between our insert and this read: the caller may simply retry.
    return existing ? { claimed: false, existing } : this.claim(scope, fingerprint, expiry);
  }

  /** Stores the answer to replay to retries. */
  async complete(scope: IdempotencyScope, status: number, body: unknown): Promise<void> {
    await this.rows.update(
      { ...scope, status: 'in-flight' },
      {
        status: 'completed',
        responseStatus: status,
        responseBody: JSON.stringify(body ?? null),
        completedAt: new Date(),
      },
    );
  }

  /** Lets the key go (the request failed on our side): a retry with it acts afresh. */
  async release(scope: IdempotencyScope): Promise<void> {
    await this.rows.delete({ ...scope, status: 'in-flight' });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { NotificationEvent } from '@schakel/contracts';
import { OUTBOX_CHANNEL } from './outbox-sql';

export { OUTBOX_CHANNEL };

export interface OutboxRow {
  id: string;
  payload: NotificationEvent;
  attempts: number;
}

/**
 * The transactional outbox: notifications are written by the statement of the projection that
 * decided them (projection-statement.ts; so they exist exactly when the transition does), then
 * relayed to the queue.
 */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Hands a batch of due rows to `relay` inside one transaction holding their row locks (SKIP
   * LOCKED, so several relays share the work); rows `relay` returns as done are marked relayed,
   * the others wait with backoff. A crash mid-batch leaves them all pending: relaying is at least once.
   */
  relayBatch(
    limit: number,
    relay: (rows: OutboxRow[]) => Promise<Set<string>>,
    backoffSeconds: (attempts: number) => number,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, payload, attempts FROM outbox
         WHERE relayed_at IS NULL AND next_attempt_at <= now()
         ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const done = await relay(rows);
      const failed = rows.filter((row) => !done.has(row.id));
      if (done.size) {
        await manager.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1)`, [[...done]]);
      }
      for (const row of failed) {
        await manager.query(
          `UPDATE outbox SET attempts = attempts + 1,
             next_attempt_at = now() + make_interval(secs => $2) WHERE id = $1`,
          [row.id, backoffSeconds(row.attempts + 1)],
        );
      }
      return rows.length;
    });
  }

  /** Rows not yet relayed, and the age of the oldest: the relay's health and its lag metric. */
  async backlog(): Promise<{ pending: number; oldestSeconds: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS pending,
         COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS "oldestSeconds"
       FROM outbox WHERE relayed_at IS NULL`,
    );
    return row as { pending: number; oldestSeconds: number };
  }

  /** Relayed rows are kept a while for inspection, then removed. */
  async prune(olderThanDays: number): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM outbox WHERE relayed_at < now() - make_interval(days => $1)`,
      [olderThanDays],
    );
    return result[1];
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Server } from 'node:http';
import { Client } from 'pg';
import { EnvironmentVariables } from '@schakel/config';
import { OUTBOX_CHANNEL, OutboxRepository, type OutboxRow } from '@schakel/database';
import { startProcessHealthServer } from '@schakel/http';
import { NotificationService } from '@schakel/queue';

/** A queue that does not accept a job within this time counts as down for this batch. */
const ENQUEUE_TIMEOUT_MS = 5_000;
/** Backoff per row: 2, 4, 8 … seconds, at most a minute, so a Redis outage is noticed and healed quickly. */
const backoffSeconds = (attempts: number): number => Math.min(60, 2 ** attempts);

/**
 * Moves notifications from the outbox (written with the projections) to the queue. Woken by
 * NOTIFY, and polling as a fallback; several relays may run, rows are locked with SKIP LOCKED.
 * Redis down: rows wait with backoff and leave when it is back — a transition never waits for it.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: Client;
  private poller?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private stopped = false;
  private lastError?: string;
  private health?: Server;

  constructor(
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
    private readonly outbox: OutboxRepository,
    private readonly notifications: NotificationService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.poller = setInterval(() => this.wake(), this.env.OUTBOX_POLL_MS);
    this.health = startProcessHealthServer(this.env.HEALTH_PORT, () => ({
      ok: this.lastError === undefined,
      detail: this.lastError ? { error: this.lastError } : {},
    }));
    await this.listen();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poller);
    this.health?.close();
    await this.draining;
    await this.listener?.end().catch(() => undefined);
  }

  /** Drains until nothing is due; a wake-up during a drain runs one more round. */
  private wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.wakeAgain) {
        this.wakeAgain = false;
        this.wake();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped) {
        const taken = await this.outbox.relayBatch(
          this.env.OUTBOX_BATCH_SIZE,
          (rows) => this.enqueue(rows),
          backoffSeconds,
        );
        this.lastError = undefined;
        if (taken < this.env.OUTBOX_BATCH_SIZE) return;
      }
    } catch (error) {
      // PostgreSQL unreachable: the next poll tries again.
      this.lastError = `outbox unavailable (${(error as { code?: string }).code ?? 'no code'})`;
      this.logger.warn({ code: (error as { code?: string }).code }, 'Outbox not readable');
    }
  }

  /** The ids that reached the queue; the rest stay in the outbox for a later attempt. */
  private async enqueue(rows: OutboxRow[]): Promise<Set<string>> {
    const done = new Set<string>();
    for (const row of rows) {
      try {
        await withTimeout(this.notifications.notify(row.payload), ENQUEUE_TIMEOUT_MS);
        done.add(row.id);
      } catch (error) {
        this.lastError = 'queue unavailable';
        this.logger.warn(
          { outboxId: row.id, attempts: row.attempts + 1, err: (error as Error).name },
          'Queue unavailable; the notification waits in the outbox',
        );
        // Redis is down for this batch: leave the rest for the next attempt instead of waiting on each.
        break;
      }
    }
    return done;
  }

  /** LISTEN on a dedicated connection; reconnects after a database restart. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.env.DATABASE_URL });
    client.on('notification', () => this.wake());
    client.on('error', () => {
      this.listener = undefined;
      void client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), this.env.OUTBOX_POLL_MS).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch {
      await client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), this.env.OUTBOX_POLL_MS).unref();
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

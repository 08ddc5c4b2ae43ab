import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseFlagRepository, OutboxRepository } from '@schakel/database';
import { RedisProbe } from '@schakel/queue';
import { TemporalProbe } from '@schakel/temporal';

const PROBE_TIMEOUT_MS = 3000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)),
        PROBE_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

const isDetail = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Readiness of each dependency, reported separately so an operator sees which one failed. */
@Injectable()
export class DependencyHealth {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisProbe,
    private readonly temporal: TemporalProbe,
    private readonly outbox: OutboxRepository,
    private readonly flags: CaseFlagRepository,
  ) {}

  postgres(): Promise<HealthIndicatorResult> {
    return this.probe('postgres', () => this.dataSource.query('SELECT 1'));
  }

  /**
   * Reported, never failing readiness: transitions do not need Redis (notifications wait in the
   * outbox), so an API that stopped taking traffic during a Redis outage would stop the chain.
   */
  async redisReachable(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('redis');
    try {
      await withTimeout(this.redis.ping(), 'redis');
      return indicator.up({ reachable: true });
    } catch (error) {
      return indicator.up({ reachable: false, message: (error as Error).message });
    }
  }

  temporalReady(): Promise<HealthIndicatorResult> {
    return this.probe('temporal', () => this.temporal.ping(PROBE_TIMEOUT_MS - 500));
  }

  /** A case waits forever when no worker polls its task queue: not ready. */
  workersReady(): Promise<HealthIndicatorResult> {
    return this.probe('workers', async () => {
      const pollers = await this.temporal.workflowPollers(PROBE_TIMEOUT_MS - 500);
      if (pollers === 0) throw new Error('No worker polls the case task queue');
      return { pollers };
    });
  }

  /** Outbox backlog and flagged cases: details for operators, alerts come from /metrics. */
  sideEffects(): Promise<HealthIndicatorResult> {
    return this.probe('sideEffects', async () => {
      const [outbox, flags] = await Promise.all([this.outbox.backlog(), this.flags.countOpen()]);
      return {
        outboxPending: outbox.pending,
        outboxOldestSeconds: outbox.oldestSeconds,
        flaggedCases: flags,
      };
    });
  }

  private async probe(
    key: string,
    check: () => Promise<Record<string, unknown> | unknown>,
  ): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const detail = await withTimeout(check(), key);
      return indicator.up(isDetail(detail) ? detail : undefined);
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}

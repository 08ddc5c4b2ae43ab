import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { KpiFactRepository } from './kpi-fact.repository';

/** Any fixed number: the advisory lock that lets one rollup run at a time across all workers. */
const ROLLUP_LOCK = 18_000_018;
/** Cases recorded per transaction: a batch's facts go in one statement, aggregated once. */
export const ROLLUP_BATCH = 100;

const EVENT_KEY = 'day, chain_id, model_version, type, step_id, partner_id, detail';

export interface RollupResult {
  /** False when another process held the rollup: nothing was done. */
  ran: boolean;
  cases: number;
  facts: number;
  /** Rows of `kpi_event_daily` the event deltas were folded into. */
  folded: number;
}

/**
 * The KPI work that is off the transitions' path (migration 1764918000000): records the facts of
 * the cases the projections queued (their `task_facts` insert updates the daily task aggregates by
 * trigger) and folds the appended event deltas into the daily counts. One process at a time (an
 * advisory lock), so the aggregates have one writer and never wait on each other.
 */
@Injectable()
export class KpiRollupRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: KpiFactRepository,
  ) {}

  /** One batch; the caller repeats while `cases` comes back full. */
  rollUp(batch = ROLLUP_BATCH): Promise<RollupResult> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }]: { locked: boolean }[] = await manager.query(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [ROLLUP_LOCK],
      );
      if (!locked) return { ran: false, cases: 0, facts: 0, folded: 0 };
      // TypeORM answers a DELETE with [rows, count].
      const [queued]: [{ case_id: string }[], number] = await manager.query(
        `DELETE FROM kpi_fact_queue WHERE id IN (SELECT id FROM kpi_fact_queue ORDER BY id LIMIT $1)
         RETURNING case_id`,
        [batch],
      );
      const caseIds = [...new Set(queued.map((row) => row.case_id))];
      const facts = await this.facts.recordCases(manager, caseIds);
      const folded: unknown[] = await manager.query(
        `WITH folded AS (DELETE FROM kpi_event_delta RETURNING *)
         INSERT INTO kpi_event_daily (${EVENT_KEY}, events)
         SELECT ${EVENT_KEY}, sum(events) FROM folded GROUP BY ${EVENT_KEY}
         ON CONFLICT (chain_id, day, model_version, type, step_id, partner_id, detail)
         DO UPDATE SET events = kpi_event_daily.events + EXCLUDED.events
         RETURNING 1`,
      );
      return { ran: true, cases: queued.length, facts, folded: folded.length };
    });
  }

  /** Rolls up until the queue is empty (tests, and the bench before it reads the figures). */
  async drain(): Promise<void> {
    for (;;) {
      const result = await this.rollUp();
      if (result.ran && result.cases < ROLLUP_BATCH) return;
      if (!result.ran) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A chain's event log between two instants, `from` inclusive and `to` exclusive. */
export interface EventLogFilter {
  chainId: string;
  from: Date;
  to: Date;
}

/** One lifecycle event, process data only (no case content, no notes). */
export interface EventLogEntry {
  id: string;
  caseId: string;
  modelVersion: number;
  type: string;
  taskKey: string | null;
  stepId: string | null;
  stepName: string | null;
  partnerId: string | null;
  actorId: string | null;
  actorRole: string | null;
  occurredAt: Date;
  outcome: string | null;
  /** A return's category (never its free-text reason). */
  reasonCategory: string | null;
}

export interface EventLogCase {
  id: string;
  modelVersion: number;
  category: string;
  intensity: string;
  status: string;
  result: string | null;
  openedAt: Date;
}

export interface EventLogTask {
  id: string;
  caseId: string;
  taskKey: string;
  stepId: string;
  stepName: string;
  partnerId: string;
  iteration: number;
  openedAt: Date;
}

export interface EventLogPartner {
  id: string;
  name: string;
}

/** Cases alive at some point of the period: their events in the period make up the log. */
const CASES_IN_SCOPE = `c.chain_id = $1 AND c.opened_at < $3 AND COALESCE(c.closed_at, 'infinity') >= $2`;

const PAGE = 5000;

/**
 * Reads a chain's event log page by page (keyset paging), so an export of any size streams
 * with bounded memory: each generator yields one page at a time.
 */
@Injectable()
export class EventLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Events ordered by case, then time: one trace after the other, as XES nests them. */
  async *events(filter: EventLogFilter): AsyncGenerator<EventLogEntry[]> {
    let after: [string, Date, string] = ['00000000-0000-0000-0000-000000000000', new Date(0), '0'];
    for (;;) {
      const page: EventLogEntry[] = await this.dataSource.query(
        `SELECT e.id, e.case_id AS "caseId", c.model_version AS "modelVersion", e.type, e.task_key AS "taskKey",
           e.step_id AS "stepId", t.step_name AS "stepName", e.partner_id AS "partnerId", e.actor_id AS "actorId",
           e.actor_role AS "actorRole", e.occurred_at AS "occurredAt", e.details->>'outcome' AS outcome,
           e.details->>'reasonCategory' AS "reasonCategory"
         FROM case_events e
         JOIN cases c ON c.id = e.case_id
         LEFT JOIN tasks t ON t.case_id = e.case_id AND t.task_key = e.task_key
         WHERE ${CASES_IN_SCOPE} AND e.occurred_at >= $2 AND e.occurred_at < $3 AND e.type <> 'note.added'
           AND (e.case_id, e.occurred_at, e.id) > ($4::uuid, $5::timestamptz, $6::bigint)
         ORDER BY e.case_id, e.occurred_at, e.id LIMIT ${PAGE}`,
        [filter.chainId, filter.from, filter.to, ...after],
      );
      if (page.length > 0) yield page;
      if (page.length < PAGE) return;
      const last = page[page.length - 1];
      after = [last.caseId, last.occurredAt, last.id];
    }
  }

  async *cases(filter: EventLogFilter): AsyncGenerator<EventLogCase[]> {
    yield* this.pages<EventLogCase>(
      (after) =>
        this.dataSource.query(
          `SELECT c.id, c.model_version AS "modelVersion", c.category, c.intensity, c.status, c.result,
             c.opened_at AS "openedAt"
           FROM cases c WHERE ${CASES_IN_SCOPE} AND c.id > $4 ORDER BY c.id LIMIT ${PAGE}`,
          [filter.chainId, filter.from, filter.to, after],
        ),
      (row) => row.id,
    );
  }

  async *tasks(filter: EventLogFilter): AsyncGenerator<EventLogTask[]> {
    yield* this.pages<EventLogTask>(
      (after) =>
        this.dataSource.query(
          `SELECT t.id, t.case_id AS "caseId", t.task_key AS "taskKey", t.step_id AS "stepId",
             t.step_name AS "stepName", t.partner_id AS "partnerId", t.iteration, t.opened_at AS "openedAt"
           FROM tasks t JOIN cases c ON c.id = t.case_id
           WHERE ${CASES_IN_SCOPE} AND t.opened_at < $3 AND t.id > $4 ORDER BY t.id LIMIT ${PAGE}`,
          [filter.chainId, filter.from, filter.to, after],
        ),
      (row) => row.id,
    );
  }

  /** The partner organisations of every version of the chain's model. */
  partners(chainId: string): Promise<EventLogPartner[]> {
    return this.dataSource.query(
      `SELECT o.id, o.name FROM organisations o
       WHERE o.id IN (SELECT unnest(partner_ids) FROM model_versions WHERE chain_id = $1)
       ORDER BY o.id`,
      [chainId],
    );
  }

  private async *pages<T>(
    read: (after: string) => Promise<T[]>,
    key: (row: T) => string,
  ): AsyncGenerator<T[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await read(after);
      if (page.length > 0) yield page;
      if (page.length < PAGE) return;
      after = key(page[page.length - 1]);
    }
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import { Client as PgClient } from 'pg';

/** One count the read side must show after a throughput run, and what it showed. */
export interface ExactlyOnceCheck {
  name: string;
  expected: number;
  found: number;
  ok: boolean;
}

/** What the load driver did in one throughput run, and the audit lines before it started. */
export interface DrivenLoad {
  caseIds: string[];
  handovers: number;
  /** Authenticated HTTP calls (every one but sign-in), each owed exactly one audit line. */
  authenticatedCalls: number;
  auditLinesBefore: number;
}

/** How long the relay and the KPI rollup may take to catch up after the last handover. */
const SETTLE_MS = 60_000;

export async function auditLines(db: PgClient): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_log');
  return Number(rows[0]?.n);
}

/**
 * With any number of API, worker and relay processes, every handover is projected once, every
 * notification relayed once and every request audited once: the counts of the run's cases in the
 * read side must equal what the driver did — no more (duplicated) and no fewer (lost). Waits for
 * the relay and the KPI facts to catch up first.
 */
export async function checkExactlyOnce(
  databaseUrl: string,
  load: DrivenLoad,
): Promise<ExactlyOnceCheck[]> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    const count = async (sql: string) =>
      Number((await db.query<{ n: string }>(sql, [load.caseIds])).rows[0]?.n);
    const outboxRows = () => count(`SELECT count(*) AS n FROM outbox WHERE case_id = ANY($1)`);
    const relayed = () =>
      count(`SELECT count(*) AS n FROM outbox WHERE case_id = ANY($1) AND relayed_at IS NOT NULL`);
    // Each notification id reaches its audience once (a unique key per id and recipient), so
    // an outbox row lost between relay and fan-out shows as a row without in-app notifications.
    const fannedOut = () =>
      count(`SELECT count(DISTINCT n.event_id) AS n FROM notifications n
             JOIN outbox o ON o.id = n.event_id WHERE o.case_id = ANY($1)`);
    const facts = () => count(`SELECT count(*) AS n FROM task_facts WHERE case_id = ANY($1)`);
    const settled = async () => {
      const rows = await outboxRows();
      return (await fannedOut()) === rows && (await facts()) >= load.handovers;
    };
    const deadline = Date.now() + SETTLE_MS;
    while (Date.now() < deadline && !(await settled())) await sleep(500);
    const events = (type: string) =>
      `SELECT count(*) AS n FROM case_events WHERE case_id = ANY($1) AND type = '${type}'`;
    const rows = await outboxRows();
    const checks: [string, number, number][] = [
      [
        'task.completed events (one per handover)',
        load.handovers,
        await count(events('task.completed')),
      ],
      [
        'completed task rows',
        load.handovers,
        await count(
          `SELECT count(*) AS n FROM tasks WHERE case_id = ANY($1) AND status = 'completed'`,
        ),
      ],
      ['task facts', load.handovers, await facts()],
      ['case.closed events', load.caseIds.length, await count(events('case.closed'))],
      ['outbox rows relayed', rows, await relayed()],
      ['outbox rows fanned out in-app', rows, await fannedOut()],
      [
        'audit lines (one per authenticated call)',
        load.authenticatedCalls,
        (await auditLines(db)) - load.auditLinesBefore,
      ],
    ];
    return checks.map(([name, expected, found]) => ({
      name,
      expected,
      found,
      ok: expected === found,
    }));
  } finally {
    await db.end();
  }
}

import { Client as PgClient } from 'pg';

/** Runs `work` on a connection of its own, closed again afterwards. */
export async function withClient<T>(
  databaseUrl: string,
  work: (db: PgClient) => Promise<T>,
): Promise<T> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** PostgreSQL's own counters for the bench database: transactions and row writes per table. */
export interface DatabaseCounters {
  transactions: number;
  rowsWritten: Record<string, { inserted: number; updated: number }>;
}

export function readCounters(databaseUrl: string): Promise<DatabaseCounters> {
  return withClient(databaseUrl, async (client) => {
    const database = await client.query<{ transactions: string }>(
      `SELECT xact_commit + xact_rollback AS transactions FROM pg_stat_database
       WHERE datname = current_database()`,
    );
    const tables = await client.query<{ relname: string; inserted: string; updated: string }>(
      `SELECT relname, n_tup_ins AS inserted, n_tup_upd AS updated FROM pg_stat_user_tables`,
    );
    return {
      transactions: Number(database.rows[0]?.transactions ?? 0),
      rowsWritten: Object.fromEntries(
        tables.rows.map((row) => [
          row.relname,
          { inserted: Number(row.inserted), updated: Number(row.updated) },
        ]),
      ),
    };
  });
}

/** The difference between two snapshots, per handover; tables nobody wrote are left out. */
export function writesPerHandover(
  before: DatabaseCounters,
  after: DatabaseCounters,
  handovers: number,
): { transactions: number; rows: Record<string, { inserted: number; updated: number }> } {
  const per = (value: number) => Math.round((value / handovers) * 100) / 100;
  const rows: Record<string, { inserted: number; updated: number }> = {};
  for (const [table, counts] of Object.entries(after.rowsWritten)) {
    const earlier = before.rowsWritten[table] ?? { inserted: 0, updated: 0 };
    const inserted = per(counts.inserted - earlier.inserted);
    const updated = per(counts.updated - earlier.updated);
    if (inserted || updated) rows[table] = { inserted, updated };
  }
  return { transactions: per(after.transactions - before.transactions), rows };
}

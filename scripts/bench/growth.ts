import { performance } from 'node:perf_hooks';
import { Client as PgClient } from 'pg';
import { ApiClient } from './api-client';
import { DEBT_CHAIN_ID } from './debt-chain';
import { KPI_QUERIES } from './kpi-queries';
import { ProgressBar } from './progress';
import { steadyWrites } from './steady-writes';
import { addSyntheticCases } from './synthetic-load';
import { Latencies, type LatencySummary } from './stats';

export interface GrowthLevel {
  openTasks: number;
  events: number;
  /** Handovers of the busy day written before the reads (see steady-writes.ts), and how long it took. */
  busyDay: { handovers: number; seconds: number };
  /** Live and dead rows and size of the tables the KPI reads depend on, when the reads began. */
  tables: Record<string, { live: number; dead: number; kib: number }>;
  /** The organisation whose caseworker's inbox was timed: the one holding the most open tasks. */
  inboxOrganisation: string;
  inboxOrganisationOpenTasks: number;
  seedSeconds: number;
  latency: Record<string, LatencySummary>;
}

async function count(db: PgClient, sql: string): Promise<number> {
  const result = await db.query<{ n: string }>(sql);
  return Number(result.rows[0]?.n ?? 0);
}

/** GET /kpis/* paths without path parameters, once issue 6 has published them. */
async function kpiEndpoints(apiUrl: string): Promise<string[]> {
  const response = await fetch(`${apiUrl}/api/docs-json`);
  if (!response.ok) return [];
  const document = (await response.json()) as { paths?: Record<string, { get?: unknown }> };
  return Object.entries(document.paths ?? {})
    .filter(([path, item]) => path.startsWith('/kpis') && !path.includes('{') && item.get)
    .map(([path]) => path);
}

/** Inbox and KPI latency as the number of open tasks grows through the given levels. */
/** What a steady write load leaves behind in the tables the KPIs read. */
async function tableHealth(db: PgClient): Promise<GrowthLevel['tables']> {
  const { rows } = await db.query<{ relname: string; live: string; dead: string; kib: string }>(
    `SELECT relname, n_live_tup AS live, n_dead_tup AS dead, pg_total_relation_size(relid) / 1024 AS kib
     FROM pg_stat_user_tables
     WHERE relname IN ('tasks', 'case_events', 'kpi_event_daily', 'kpi_event_delta', 'kpi_task_daily')
     ORDER BY relname`,
  );
  return Object.fromEntries(
    rows.map((row) => [
      row.relname,
      { live: Number(row.live), dead: Number(row.dead), kib: Number(row.kib) },
    ]),
  );
}

export async function measureGrowth(
  apiUrls: string[],
  databaseUrl: string,
  levels: number[],
  samples: number,
  busyDayHandovers: number,
): Promise<GrowthLevel[]> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  const results: GrowthLevel[] = [];
  try {
    const endpoints = await kpiEndpoints(apiUrls[0] as string);
    const queriesPerLevel = 1 + Object.keys(KPI_QUERIES).length + endpoints.length;
    const progress = new ProgressBar(
      'Growth: seed and time queries',
      levels.length * (1 + queriesPerLevel * samples),
    );
    for (const level of levels) {
      const present = await count(db, `SELECT count(*) AS n FROM tasks WHERE status = 'open'`);
      const seedStarted = performance.now();
      await addSyntheticCases(db, level - present);
      const seedSeconds = Math.round((performance.now() - seedStarted) / 10) / 100;
      const busyDay = {
        handovers: busyDayHandovers,
        seconds: await steadyWrites(db, busyDayHandovers),
      };
      const tables = await tableHealth(db);
      progress.tick();
      const busiest = await db.query<{ partner_id: string; n: string }>(
        `SELECT partner_id, count(*) AS n FROM tasks WHERE status = 'open'
         GROUP BY partner_id ORDER BY n DESC LIMIT 1`,
      );
      const organisation = busiest.rows[0]?.partner_id ?? 'gemeente';
      const latencies = new Latencies();
      const api = new ApiClient(apiUrls, latencies);
      await api.login(`${organisation}.medewerker`);
      await api.login('operations');
      for (let sample = 0; sample < samples; sample++) {
        await api.inbox(`${organisation}.medewerker`, 'view=open&sort=due&limit=50');
        for (const [name, sql] of Object.entries(KPI_QUERIES)) {
          await latencies.time(name, () => db.query(sql, [DEBT_CHAIN_ID]));
        }
        for (const path of endpoints) await api.get(`GET ${path}`, 'operations', path);
        progress.tick(queriesPerLevel);
      }
      const { login: _login, ...latency } = latencies.summary();
      results.push({
        openTasks: await count(db, `SELECT count(*) AS n FROM tasks WHERE status = 'open'`),
        events: await count(db, 'SELECT count(*) AS n FROM case_events'),
        inboxOrganisation: organisation,
        inboxOrganisationOpenTasks: Number(busiest.rows[0]?.n ?? 0),
        seedSeconds,
        busyDay,
        tables,
        latency,
      });
    }
    progress.finish();
  } finally {
    await db.end();
  }
  return results;
}

import { performance } from 'node:perf_hooks';
import { withClient } from './database-profile';
import { cpuMilliseconds } from './cpu';

/** CPU time per component at one moment, and the wall clock it was read at. */
export interface CpuReading {
  atMs: number;
  cpuMs: Record<string, number>;
}

/** One component's share of a phase: CPU per handover and the cores it kept busy on average. */
export interface CpuShare {
  msPerHandover: number;
  cores: number;
}

/** The components' CPU time so far; `bench` is this process (load driver, baseline worker). */
export function readCpu(components: Record<string, number[]>): CpuReading {
  const { user, system } = process.cpuUsage();
  return {
    atMs: performance.now(),
    cpuMs: { ...cpuMilliseconds(components), bench: (user + system) / 1000 },
  };
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** What each component (all, or those named) used between two readings, per handover, with the total. */
export function cpuPerHandover(
  before: CpuReading,
  after: CpuReading,
  handovers: number,
  only?: readonly string[],
): Record<string, CpuShare> {
  const wallMs = after.atMs - before.atMs;
  const names = Object.keys(after.cpuMs).filter((name) => !only || only.includes(name));
  const shares = names.map((name) => {
    const used = (after.cpuMs[name] ?? 0) - (before.cpuMs[name] ?? 0);
    return [name, used] as const;
  });
  const total = shares.reduce((sum, [, used]) => sum + used, 0);
  return Object.fromEntries(
    [...shares, ['total', total] as const].map(([name, used]) => [
      name,
      { msPerHandover: round(used / handovers), cores: round(used / wallMs) },
    ]),
  );
}

/** Statements PostgreSQL ran for one app (its own role), per handover. */
export interface AppStatements {
  /** Statements the app sent: each one a round trip (node-postgres does not pipeline). */
  roundTrips: number;
  /** Of those, BEGIN / COMMIT / ROLLBACK. */
  transactionControl: number;
  /** Statements run inside the app's statements: triggers and functions. */
  nested: number;
  /** Server execution time of the app's statements (nested time is inside it). */
  executionMs: number;
}

export interface StatementRow {
  app: string;
  topLevel: boolean;
  callsPerHandover: number;
  meanMs: number;
  msPerHandover: number;
  query: string;
}

export interface StatementProfile {
  perApp: Record<string, AppStatements>;
  /** The statements that took most server time, with their calls per handover. */
  top: StatementRow[];
}

const TOP_STATEMENTS = 15;

/** Starts a fresh count: `pg_stat_statements` of the whole cluster is reset. */
export async function resetStatements(databaseUrl: string): Promise<void> {
  await withClient(databaseUrl, (db) => db.query('SELECT pg_stat_statements_reset()'));
}

/** `pg_stat_statements` of the bench database, per app role, divided by the handovers. */
export async function readStatements(
  databaseUrl: string,
  apps: readonly string[],
  handovers: number,
): Promise<StatementProfile> {
  const { rows } = await withClient(databaseUrl, (db) =>
    db.query<{
      app: string;
      toplevel: boolean;
      calls: string;
      total_exec_time: number;
      query: string;
    }>(
      `SELECT r.rolname AS app, s.toplevel, s.calls, s.total_exec_time, s.query
       FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
       WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND r.rolname = ANY($1)`,
      [apps],
    ),
  );
  const per = (value: number) => round(value / handovers);
  const perApp = Object.fromEntries(
    apps.map((app) => {
      const own = rows.filter((row) => row.app === app);
      const sum = (list: typeof rows, value: (row: (typeof rows)[0]) => number) =>
        list.reduce((total, row) => total + value(row), 0);
      const topLevel = own.filter((row) => row.toplevel);
      return [
        app,
        {
          roundTrips: per(sum(topLevel, (row) => Number(row.calls))),
          transactionControl: per(
            sum(
              topLevel.filter((row) => /^\s*(BEGIN|COMMIT|ROLLBACK|START)/i.test(row.query)),
              (row) => Number(row.calls),
            ),
          ),
          nested: per(
            sum(
              own.filter((row) => !row.toplevel),
              (row) => Number(row.calls),
            ),
          ),
          executionMs: per(sum(topLevel, (row) => row.total_exec_time)),
        },
      ];
    }),
  );
  const top = [...rows]
    .sort((a, b) => b.total_exec_time - a.total_exec_time)
    .slice(0, TOP_STATEMENTS)
    .map((row) => ({
      app: row.app,
      topLevel: row.toplevel,
      callsPerHandover: per(Number(row.calls)),
      meanMs: round(row.total_exec_time / Math.max(1, Number(row.calls)), 3),
      msPerHandover: per(row.total_exec_time),
      query: row.query.replace(/\s+/g, ' ').trim().slice(0, 110),
    }));
  return { perApp, top };
}

/**
 * Generates a realistic year of case history straight into PostgreSQL (a database of its own,
 * `schakel_kpi_bench` by default) and prints how long each KPI query takes on it.
 *
 *   node -r @swc-node/register scripts/kpi-history.ts [--events 1000000] [--database-url postgres://…/schakel_kpi_bench] [--runs 7] [--reuse]
 *
 * `--reuse` keeps a database an earlier run loaded (applying any new migration) and only times.
 *
 * Cases spread over the three example chains and the past 365 days; work happens on working days
 * between 08:00 and 17:00 (Dutch holidays excluded); some tasks are suspended, returned, escalated,
 * and some cases drop out. Facts are written with the same code the projection uses.
 */
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  dueDate,
  HolidayCalendar,
  startOfAmsterdamDay,
  toAmsterdamDate,
  addCalendarDays,
} from '@schakel/calendar';
import {
  dataSourceOptions,
  EventLogRepository,
  KpiFactRepository,
  KpiRollupRepository,
  KpiQueryRepository,
  migrate,
  type KpiFilter,
} from '@schakel/database';
import { clockTerm, effectiveNorms, type ReferenceModel } from '@schakel/reference-model/engine';
import { DemoModule } from '../apps/api/src/demo/demo.module';
import { DemoSeedService } from '../apps/api/src/demo/demo-seed.service';
import { ProgressBar } from './bench/progress';

const H = 3_600_000;
const DAY = 24 * H;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const TARGET_EVENTS = Number(option('events', '1000000'));
const DATABASE_URL = option('database-url', 'postgres://postgres@127.0.0.1:5432/schakel_kpi_bench');
const RUNS = Number(option('runs', '7'));
const REUSE = process.argv.includes('--reuse');

/** Deterministic randomness (mulberry32), so two runs build the same history. */
let seed = 20251127;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const chance = (p: number) => random() < p;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
/** Log-normal around a median: most work is quick, some takes long. */
function lognormal(median: number, spread = 0.8): number {
  const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return median * Math.exp(spread * gaussian);
}

const calendar = new HolidayCalendar();

/** The next moment at or after `at` within office hours (08:00–17:00 on a working day). */
function officeHours(at: number): number {
  let day = toAmsterdamDate(at);
  let start = startOfAmsterdamDay(day);
  const hour = (at - start) / H;
  if (calendar.isWorkingDay(day) && hour >= 8 && hour < 17) return at;
  if (!calendar.isWorkingDay(day) || hour >= 17) {
    day = calendar.addWorkingDays(day, 1);
    start = startOfAmsterdamDay(day);
  }
  return start + 8 * H + Math.floor(random() * 90) * 60_000;
}

/** Each chain's usual paths through its steps, with how often each is taken. */
const PATHS: Record<string, { weight: number; steps: string[] }[]> = {
  'vroegsignalering-schuldhulp': [
    {
      weight: 0.55,
      steps: [
        'matching',
        'outreach',
        'first-conversation',
        'feedback',
        'access-decision',
        'stabilisation',
        'creditors',
        'aftercare',
      ],
    },
    { weight: 0.3, steps: ['matching', 'outreach', 'outreach', 'first-conversation', 'feedback'] },
    {
      weight: 0.15,
      steps: [
        'matching',
        'crisis-conversation',
        'feedback',
        'access-decision',
        'income-administration',
      ],
    },
  ],
  'wmo-maatwerk': [
    { weight: 0.5, steps: ['assessment', 'application', 'decision', 'assignment'] },
    {
      weight: 0.3,
      steps: [
        'personal-plan',
        'assessment',
        'medical-advice',
        'application',
        'decision',
        'assignment',
      ],
    },
    { weight: 0.2, steps: ['assessment'] },
  ],
  'huiselijk-geweld-jeugdbescherming': [
    { weight: 0.6, steps: ['safety-assessment', 'investigation', 'voluntary-help'] },
    {
      weight: 0.4,
      steps: [
        'safety-assessment',
        'investigation',
        'board-request',
        'court-decision',
        'first-contact',
        'family-plan',
      ],
    },
  ],
};
const CHAIN_WEIGHTS: [string, number][] = [
  ['vroegsignalering-schuldhulp', 0.45],
  ['wmo-maatwerk', 0.35],
  ['huiselijk-geweld-jeugdbescherming', 0.2],
];
const EXIT_REASONS = ['not-reached', 'declined', 'moved', 'no-show', 'other-help'];

function weighted<T>(items: readonly [T, number][]): T {
  let roll = random();
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll <= 0) return item;
  }
  return items[items.length - 1][0];
}

interface Batch {
  cases: unknown[][];
  tasks: unknown[][];
  events: unknown[][];
  escalations: unknown[][];
  caseIds: string[];
  eventCount: number;
}

const emptyBatch = (): Batch => ({
  cases: [],
  tasks: [],
  events: [],
  escalations: [],
  caseIds: [],
  eventCount: 0,
});

/** One case's history, appended to the batch. */
function generateCase(
  batch: Batch,
  models: Map<string, ReferenceModel>,
  openedBy: string,
  now: number,
): void {
  const chainId = weighted(CHAIN_WEIGHTS);
  const model = models.get(chainId) as ReferenceModel;
  const category = pick(model.intake.categories);
  const caseId = randomUUID();
  const openedAt = officeHours(now - random() * 365 * DAY);
  let sequence = 0;
  const event = (
    type: string,
    at: number,
    task?: { key: string; step: string; partner: string },
    details: object = {},
  ) => {
    sequence += 1;
    batch.events.push([
      `${caseId}:${sequence}`,
      caseId,
      type,
      task?.key ?? null,
      task?.step ?? null,
      task?.partner ?? null,
      'caseworker',
      new Date(at).toISOString(),
      JSON.stringify(details),
    ]);
  };
  event('case.opened', openedAt);
  const path = weighted(PATHS[chainId].map((p) => [p.steps, p.weight] as [string[], number]));
  const iterations = new Map<string, number>();
  let at = openedAt;
  let previous: string | null = null;
  let status: 'open' | 'closed' = 'closed';
  let end: { result: string; exitReason: string | null } = {
    result: pick(['solved', 'solved', 'referred']),
    exitReason: null,
  };
  const openTask = (stepId: string, handedOverBy: string[]) => {
    const step = model.steps.find((s) => s.id === stepId) as ReferenceModel['steps'][number];
    const iteration = (iterations.get(stepId) ?? 0) + 1;
    iterations.set(stepId, iteration);
    const task = {
      key: `${stepId}#${iteration}`,
      step: stepId,
      partner: step.partner,
      name: step.name,
    };
    const terms = effectiveNorms(model, stepId, category.intensity);
    const due = terms?.target
      ? dueDate(at, clockTerm(terms.target, terms.atw ?? false), calendar)
      : null;
    event('task.opened', at, task, { handedOverBy });
    return { ...task, handedOverBy, openedAt: at, due, normMs: due === null ? 5 * DAY : due - at };
  };
  for (let index = 0; index < path.length; index += 1) {
    const task = openTask(path[index], previous ? [previous] : []);
    const row = (status: string, claimedAt: number | null, closedAt: number | null) =>
      batch.tasks.push([
        caseId,
        task.key,
        chainId,
        1,
        task.step,
        task.name,
        task.partner,
        status,
        Number(task.key.split('#')[1]),
        task.handedOverBy,
        new Date(task.openedAt).toISOString(),
        claimedAt && new Date(claimedAt).toISOString(),
        closedAt && new Date(closedAt).toISOString(),
        task.due && new Date(task.due).toISOString(),
      ]);
    const claimedAt = officeHours(at + lognormal(Math.min(task.normMs * 0.15, 2 * DAY)));
    const closesAt = officeHours(claimedAt + lognormal(task.normMs * 0.3));
    const pause = chance(0.05) ? lognormal(3 * DAY) : 0;
    const doneAt = pause > 0 ? officeHours(closesAt + pause) : closesAt;
    // Recent cases are still running: the history stops at the task that is now open.
    if (doneAt > now) {
      if (claimedAt < now) event('task.claimed', claimedAt, task);
      row('open', claimedAt < now ? claimedAt : null, null);
      status = 'open';
      break;
    }
    event('task.claimed', claimedAt, task);
    if (pause > 0) {
      const suspendedAt = claimedAt + (closesAt - claimedAt) / 3;
      event('task.suspended', suspendedAt, task, {
        waitingFor: pick(['client', 'partner']),
        reason: 'Wacht op stukken',
      });
      event('task.resumed', suspendedAt + pause, task);
    }
    if (task.due !== null && doneAt > task.due && chance(0.6)) {
      const level = chance(0.75) ? 1 : 2;
      const resolved = chance(0.9);
      batch.escalations.push([
        `${caseId}:${task.key}:esc`,
        caseId,
        chainId,
        1,
        task.key,
        task.step,
        task.partner,
        'norm-breached',
        level,
        `Niveau ${level}`,
        'regisseur',
        resolved ? 'resolved' : 'open',
        new Date(task.due).toISOString(),
        new Date(task.due).toISOString(),
        resolved ? new Date(doneAt).toISOString() : null,
      ]);
      event('escalation.raised', task.due, task, { level, trigger: 'norm-breached' });
      if (resolved) event('escalation.resolved', doneAt, task, { level });
    }
    if (previous && chance(0.06)) {
      // The handover was incomplete: returned, the previous step redoes its part, this step starts again.
      event('task.returned', doneAt, task, { reason: 'Overdracht onvolledig' });
      row('returned', claimedAt, doneAt);
      at = doneAt;
      path.splice(index + 1, 0, path[index - 1], path[index]);
      previous = task.key;
      continue;
    }
    event('task.completed', doneAt, task, { outcome: 'done' });
    row('completed', claimedAt, doneAt);
    at = doneAt;
    previous = task.key;
    if (index < path.length - 1 && chance(0.04)) {
      end = { result: 'droppedOut', exitReason: pick(EXIT_REASONS) };
      break;
    }
  }
  if (status === 'closed') event('case.closed', at, undefined, end);
  batch.cases.push([
    caseId,
    chainId,
    1,
    category.id,
    category.intensity,
    'Gegenereerd',
    'KP-BENCH',
    status,
    status === 'closed' ? end.result : null,
    status === 'closed' ? end.exitReason : null,
    openedBy,
    new Date(openedAt).toISOString(),
    status === 'closed' ? new Date(at).toISOString() : null,
  ]);
  batch.caseIds.push(caseId);
  batch.eventCount += sequence;
}

async function insert(
  dataSource: DataSource,
  table: string,
  columns: string[],
  rows: unknown[][],
  casts: Record<string, string> = {},
): Promise<void> {
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    const values = chunk.map(
      (row, r) =>
        `(${row.map((_, c) => `$${r * row.length + c + 1}${casts[columns[c]] ?? ''}`).join(', ')})`,
    );
    await dataSource.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`,
      chunk.flat(),
    );
  }
}

async function write(
  dataSource: DataSource,
  facts: KpiFactRepository,
  batch: Batch,
): Promise<void> {
  await insert(
    dataSource,
    'cases',
    [
      'id',
      'chain_id',
      'model_version',
      'category',
      'intensity',
      'client_question',
      'client_reference',
      'status',
      'result',
      'exit_reason',
      'opened_by',
      'opened_at',
      'closed_at',
    ],
    batch.cases,
  );
  await insert(
    dataSource,
    'tasks',
    [
      'case_id',
      'task_key',
      'chain_id',
      'model_version',
      'step_id',
      'step_name',
      'partner_id',
      'status',
      'iteration',
      'handed_over_by',
      'opened_at',
      'claimed_at',
      'closed_at',
      'due_at',
    ],
    batch.tasks,
  );
  await insert(
    dataSource,
    'case_events',
    [
      'event_id',
      'case_id',
      'type',
      'task_key',
      'step_id',
      'partner_id',
      'actor_role',
      'occurred_at',
      'details',
    ],
    batch.events,
  );
  await insert(
    dataSource,
    'escalations',
    [
      'id',
      'case_id',
      'chain_id',
      'model_version',
      'task_key',
      'step_id',
      'partner_id',
      'trigger',
      'level',
      'level_name',
      'owner',
      'status',
      'raised_at',
      'level_since',
      'resolved_at',
    ],
    batch.escalations,
  );
  // The facts come from the KPI rollup's own code, the batch's cases at once.
  await dataSource.transaction((manager) => facts.recordCases(manager, batch.caseIds));
}

async function time(run: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  await run(); // warm the cache and the plan
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], max: samples[samples.length - 1] };
}

/** Drops and recreates the database, seeds the demo chains and writes the history. */
async function load(now: number): Promise<void> {
  const admin = new DataSource({
    type: 'postgres',
    url: DATABASE_URL.replace(/\/[^/]+$/, '/postgres'),
  });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE_URL.split('/').pop()} WITH (FORCE)`);
  await admin.destroy();
  await migrate(DATABASE_URL);
  Object.assign(process.env, {
    DATABASE_URL,
    DEMO_MODELS_DIR: 'models',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  });
  const seeding = await NestFactory.createApplicationContext(DemoModule, { logger: ['error'] });
  await seeding.get(DemoSeedService).seed();
  await seeding.close();

  const dataSource = new DataSource(dataSourceOptions(DATABASE_URL));
  await dataSource.initialize();
  const models = new Map<string, ReferenceModel>(
    (await dataSource.query(`SELECT chain_id, document FROM model_versions`)).map(
      (row: { chain_id: string; document: ReferenceModel }) => [row.chain_id, row.document],
    ),
  );
  const [{ id: openedBy }] = await dataSource.query(
    `SELECT id FROM users WHERE username = 'operations'`,
  );
  const facts = new KpiFactRepository();
  const progress = new ProgressBar('generating and writing events', TARGET_EVENTS);
  const started = Date.now();
  let written = 0;
  while (written < TARGET_EVENTS) {
    const batch = emptyBatch();
    while (batch.eventCount < 5000) generateCase(batch, models, openedBy, now);
    await write(dataSource, facts, batch);
    written += batch.eventCount;
    progress.tick(batch.eventCount);
  }
  progress.finish();
  // The event counts were appended as deltas; fold them into the daily rows as the workers do.
  await new KpiRollupRepository(dataSource, facts).drain();
  const loadSeconds = (Date.now() - started) / 1000;
  await dataSource.query('VACUUM ANALYZE');
  console.log(`\nwritten in ${loadSeconds.toFixed(0)} s (facts included)`);
  await dataSource.destroy();
}

async function main(): Promise<void> {
  const now = Date.now();
  if (REUSE) await migrate(DATABASE_URL);
  else await load(now);
  const dataSource = new DataSource(dataSourceOptions(DATABASE_URL));
  await dataSource.initialize();
  // A migration may just have filled new tables: plan with fresh statistics.
  if (REUSE) await dataSource.query('VACUUM ANALYZE');
  const counts = (
    await dataSource.query(`SELECT (SELECT count(*) FROM case_events) AS events, (SELECT count(*) FROM cases) AS cases,
      (SELECT count(*) FROM tasks) AS tasks, (SELECT count(*) FROM task_facts) AS task_facts, (SELECT count(*) FROM escalations) AS escalations,
      (SELECT count(*) FROM kpi_event_daily) AS daily_rows, (SELECT count(*) FROM kpi_task_daily) AS task_daily_rows,
      (SELECT count(*) FROM kpi_task_histogram) AS histogram_rows`)
  )[0];
  console.log(`\n${JSON.stringify(counts)}\n`);

  const kpis = new KpiQueryRepository(dataSource);
  const log = new EventLogRepository(dataSource);
  const to = toAmsterdamDate(now);
  const year: KpiFilter = { from: addCalendarDays(to, -364), to };
  const chain: KpiFilter = { ...year, chainId: 'vroegsignalering-schuldhulp' };
  const quarter: KpiFilter = { ...chain, from: addCalendarDays(to, -90) };
  const step: KpiFilter = { ...chain, partnerId: 'gemeente', stepId: 'outreach' };
  const queries: [string, () => Promise<unknown>][] = [];
  for (const [label, filter] of [
    ['all chains, 1 year', year],
    ['1 chain, 1 year', chain],
    ['1 chain, 90 days', quarter],
    ['1 step+partner, 1 year', step],
  ] as const) {
    queries.push(
      [`throughput/day   ${label}`, () => kpis.throughput(filter, 'day')],
      [`throughput/week  ${label}`, () => kpis.throughput(filter, 'week')],
      [
        `lead-times       ${label}`,
        () => Promise.all([kpis.stepLeadTimes(filter), kpis.caseLeadTimes(filter)]),
      ],
      [`within-norm      ${label}`, () => kpis.withinNorm(filter)],
      [
        `rework           ${label}`,
        () => Promise.all([kpis.stepRework(filter), kpis.caseRework(filter)]),
      ],
      [`drop-out         ${label}`, () => kpis.dropOut(filter)],
      [`escalations      ${label}`, () => kpis.escalations(filter)],
      [`clock-changes    ${label}`, () => kpis.clockChanges(filter)],
      [`scorecard gemeente ${label}`, () => kpis.scorecard('gemeente', filter)],
    );
  }
  queries.push(
    ['work-in-progress all chains', () => kpis.workInProgress({}, new Date(now))],
    [
      'work-in-progress 1 chain',
      () => kpis.workInProgress({ chainId: 'wmo-maatwerk' }, new Date(now)),
    ],
    [
      'metrics snapshot (/metrics)',
      () => kpis.metrics([3600e3, 86400e3, 7 * 86400e3, 28 * 86400e3], 28),
    ],
  );
  console.log('| query | median ms | max ms |\n| --- | ---: | ---: |');
  for (const [label, run] of queries) {
    const { median, max } = await time(run);
    console.log(`| ${label} | ${median.toFixed(1)} | ${max.toFixed(1)} |`);
  }
  const exportStarted = Date.now();
  let exported = 0;
  for await (const page of log.events({
    chainId: 'vroegsignalering-schuldhulp',
    from: new Date(now - 365 * DAY),
    to: new Date(now + DAY),
  }))
    exported += page.length;
  console.log(
    `\nevent-log export read (debt chain, 1 year): ${exported} events in ${((Date.now() - exportStarted) / 1000).toFixed(1)} s`,
  );
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

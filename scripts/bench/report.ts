import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { CodecCost } from './codec-cost';
import type { ProfileSummary } from './cpu-profile';
import type { GrowthLevel } from './growth';
import type { HistoryProfile } from './history-profile';
import type { OpenCasesResult } from './open-cases';
import type { BenchOptions } from './options';
import { lineChartSvg } from './plot';
import type { LatencySummary } from './stats';
import type { ThroughputLevel } from './throughput';

/** The machine's load average (1 min) at the start and end of each phase: the box is shared. */
export type LoadLog = { phase: string; at: string; load1: number }[];

export interface BenchResults {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  options: BenchOptions;
  load: LoadLog;
  throughput: ThroughputLevel[];
  historyPerHandover: { schakel: HistoryProfile; baseline: HistoryProfile };
  /** The payload codec's CPU time per handover (AES-256-GCM, see docs/operations.md). */
  codecCost: CodecCost;
  growth: GrowthLevel[];
  openCases?: OpenCasesResult;
  /** With --cpu-profile: each app process's JavaScript self time per handover (ms) by package, first level. */
  cpuProfile?: Record<string, ProfileSummary>;
  targets: Target[];
}

export interface Target {
  name: string;
  target: string;
  measured: string;
  /** `not at size`: this run was smaller than the size the target is set at (see --full). */
  met: 'yes' | 'no' | 'not at size';
}

/** The sizes the issue sets its targets at. */
const KPI_TARGET_OPEN_TASKS = 100_000;
const MEMORY_TARGET_OPEN_CASES = 10_000;
/** RSS growth per open case past the workflow cache that still counts as flat (10 MiB per 1 000). */
const FLAT_MIB_PER_CASE = 0.01;

export function machine(): BenchResults['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

/** Appends the current load average under the phase's name. */
export function noteLoad(log: LoadLog, phase: string): void {
  log.push({
    phase,
    at: new Date().toISOString(),
    load1: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  });
}

const verdict = (met: boolean, atSize = true): Target['met'] =>
  !atSize ? 'not at size' : met ? 'yes' : 'no';

function latencyTargets(level: ThroughputLevel | undefined): Target[] {
  if (!level) return [];
  return (['claim', 'complete'] as const).map((operation) => {
    const summary = level.schakel.latency[operation];
    const p50 = summary?.p50Ms ?? NaN;
    const p99 = summary?.p99Ms ?? NaN;
    return {
      name: `${operation} latency at concurrency ${level.concurrency}`,
      target: 'p50 ≤ 60 ms, p99 ≤ 150 ms',
      measured: `p50 ${p50} ms, p99 ${p99} ms`,
      met: verdict(p50 <= 60 && p99 <= 150),
    };
  });
}

function ratioTarget(level: ThroughputLevel | undefined, wanted: number): Target[] {
  if (!level) return [];
  return [
    {
      name: `handovers/s ÷ engine baseline at concurrency ${level.concurrency}`,
      target: `≥ ${wanted}`,
      measured: `${level.ratioToBaseline.toFixed(2)} (${level.schakel.handoversPerSecond} ÷ ${level.baseline.handoversPerSecond})`,
      met: verdict(level.ratioToBaseline >= wanted),
    },
  ];
}

function growthTargets(top: GrowthLevel | undefined): Target[] {
  if (!top) return [];
  const atSize = top.openTasks >= KPI_TARGET_OPEN_TASKS;
  const size = `at ${top.openTasks} open tasks / ${top.events} events`;
  const p99 = (name: string) => top.latency[name]?.p99Ms ?? NaN;
  const kpis = Object.keys(top.latency).filter((name) => name.startsWith('GET /kpis'));
  const named = ['GET /kpis/work-in-progress', 'GET /kpis/throughput'];
  const slowestOther = kpis
    .filter((name) => !named.includes(name))
    .sort((a, b) => p99(b) - p99(a))[0];
  return [
    {
      name: `inbox p99 ${size}`,
      target: '< 50 ms',
      measured: `${p99('inbox')} ms`,
      met: verdict(p99('inbox') < 50, atSize),
    },
    ...[...named, ...(slowestOther ? [slowestOther] : [])].map((name) => ({
      name: `${name === slowestOther ? `slowest other KPI, ${name}` : name} p99 ${size}`,
      target: '< 100 ms',
      measured: `${p99(name)} ms`,
      met: verdict(p99(name) < 100, atSize),
    })),
  ];
}

function memoryTargets(open: OpenCasesResult | undefined): Target[] {
  if (!open) return [];
  const atSize = open.openCases >= MEMORY_TARGET_OPEN_CASES;
  return [
    {
      name: `worker RSS with ${open.openCases} open cases (clocks running)`,
      target: '< 700 MiB at 10 000',
      measured: `${open.worker.rssMiB} MiB`,
      met: verdict(open.worker.rssMiB < 700, atSize),
    },
    {
      name: `worker RSS per open case, from ${Math.floor(open.openCases / 2)} to ${open.openCases}`,
      target: `flat (≤ ${FLAT_MIB_PER_CASE} MiB per case)`,
      measured: `${open.mibPerCaseBeyondHalf} MiB per case`,
      met: verdict(open.mibPerCaseBeyondHalf <= FLAT_MIB_PER_CASE, atSize),
    },
  ];
}

/** The issue's targets (issue 18), each met or not from this run's figures. */
export function targets(results: Omit<BenchResults, 'targets'>): Target[] {
  const at = (concurrency: number) =>
    results.throughput.find((level) => level.concurrency === concurrency);
  const exactlyOnce = results.throughput.flatMap((level) => level.exactlyOnce);
  return [
    ...latencyTargets(at(8)),
    ...ratioTarget(at(8), 0.4),
    ...ratioTarget(at(32), 0.3),
    ...ratioTarget(at(8), 0.8).map((target) => ({ ...target, name: `moonshot: ${target.name}` })),
    ...growthTargets(results.growth[results.growth.length - 1]),
    ...memoryTargets(results.openCases),
    {
      name: `read side exactly once (${results.options.apis} API, ${results.options.workers} worker processes)`,
      target: 'every count as driven',
      measured: `${exactlyOnce.filter((check) => check.ok).length} of ${exactlyOnce.length} checks`,
      met: verdict(exactlyOnce.every((check) => check.ok)),
    },
  ];
}

const formatLatency = (summary: LatencySummary) =>
  `${summary.p50Ms} / ${summary.p95Ms} / ${summary.p99Ms}`;

function printLevel(level: ThroughputLevel): void {
  const { schakel, baseline } = level;
  console.log(
    `\n── Concurrency ${level.concurrency}: ${schakel.cases} cases, ${schakel.handovers} handovers ──`,
  );
  console.log(
    `Schakel ${schakel.handoversPerSecond} handovers/s (${schakel.seconds} s), baseline ${baseline.handoversPerSecond}/s (${baseline.seconds} s): ratio ${level.ratioToBaseline.toFixed(2)}; ` +
      `engine in Schakel's shape (an activity per Update) ${level.engineShape.handoversPerSecond}/s`,
  );
  console.table(
    Object.fromEntries([
      ...Object.entries(schakel.latency).map(([name, summary]) => [
        name,
        { 'p50 / p95 / p99 ms': formatLatency(summary), count: summary.count },
      ]),
      ...Object.entries(baseline.latency).map(([name, summary]) => [
        `baseline ${name}`,
        { 'p50 / p95 / p99 ms': formatLatency(summary), count: summary.count },
      ]),
      ...Object.entries(level.engineShape.latency).map(([name, summary]) => [
        `engine shape ${name}`,
        { 'p50 / p95 / p99 ms': formatLatency(summary), count: summary.count },
      ]),
    ]),
  );
  console.log('CPU per handover, by component (ms), and cores kept busy:');
  console.table(
    Object.fromEntries(
      Object.entries(level.cpu.schakel).map(([component, share]) => [
        component,
        {
          'Schakel ms': share.msPerHandover,
          'Schakel cores': share.cores,
          'baseline ms': level.cpu.baseline[component]?.msPerHandover ?? '—',
          'engine shape ms': level.cpu.engineShape[component]?.msPerHandover ?? '—',
        },
      ]),
    ),
  );
  console.log('PostgreSQL statements per handover, by app (pg_stat_statements):');
  console.table(level.statements.perApp);
  console.table(
    level.statements.top.map((row) => ({
      app: row.app,
      nested: row.topLevel ? '' : 'yes',
      'calls/handover': row.callsPerHandover,
      'mean ms': row.meanMs,
      'ms/handover': row.msPerHandover,
      query: row.query,
    })),
  );
  console.table(
    Object.fromEntries(
      level.exactlyOnce.map((check) => [
        check.name,
        { expected: check.expected, found: check.found, ok: check.ok },
      ]),
    ),
  );
}

export function printTable(results: BenchResults): void {
  const { machine: box } = results;
  console.log(`\nMachine: ${box.cpus} × ${box.cpuModel}, ${box.memoryGiB} GiB, Node ${box.node}`);
  console.log(
    `Load average (1 min) per phase: ${results.load.map((entry) => `${entry.phase} ${entry.load1}`).join(', ')}`,
  );
  results.throughput.forEach(printLevel);
  const codec = results.codecCost;
  console.log(
    `\nPayload codec: ${codec.payloadsPerHandover} payloads (${codec.plaintextBytesPerHandover} B) per handover →` +
      ` encode ${codec.encodeMicrosPerHandover} µs + decode ${codec.decodeMicrosPerHandover} µs per handover` +
      ` (${codec.encodeMicrosPerPayload} / ${codec.decodeMicrosPerPayload} µs per payload)`,
  );
  const history = results.historyPerHandover.schakel;
  console.log(
    `History per case: ${history.historyEventsPerWorkflow} events, ${history.historyBytesPerWorkflow} bytes; ` +
      `payload bytes per case by event: ${JSON.stringify(history.payloadBytesPerWorkflow)}`,
  );
  console.table(
    Object.fromEntries(
      results.growth.map((level) => [
        `${level.openTasks} open tasks / ${level.events} events`,
        Object.fromEntries(
          Object.entries(level.latency).map(([name, summary]) => [
            `${name} p50/p99 ms`,
            `${summary.p50Ms} / ${summary.p99Ms}`,
          ]),
        ),
      ]),
    ),
  );
  if (results.openCases) {
    const { openCases, worker, workerAtHalf, startsPerSecond } = results.openCases;
    console.log(
      `${openCases} open cases (${startsPerSecond} starts/s): worker RSS ${workerAtHalf.rssMiB} MiB at half, ${worker.rssMiB} MiB at all, peak ${worker.peakRssMiB} MiB`,
    );
  }
  if (results.cpuProfile) {
    console.log('JavaScript self time per handover (ms) by package, first level (--cpu-profile):');
    for (const [app, summary] of Object.entries(results.cpuProfile)) {
      console.log(
        `${app}: ${Object.entries(summary)
          .map(([name, ms]) => `${name} ${ms}`)
          .join(', ')}`,
      );
    }
  }
  console.table(results.targets);
}

/** Writes `<outDir>/<timestamp>.json` and `<outDir>/latency-vs-open-tasks.svg`. */
export function writeResults(results: BenchResults, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const names = [...new Set(results.growth.flatMap((level) => Object.keys(level.latency)))];
  const series = names.flatMap((name) =>
    (['p50Ms', 'p99Ms'] as const).map((field) => ({
      name: `${name} ${field.slice(0, 3)}`,
      points: results.growth.map((level) => ({
        x: level.openTasks,
        y: level.latency[name]?.[field] ?? 0,
      })),
    })),
  );
  const plot = join(outDir, 'latency-vs-open-tasks.svg');
  writeFileSync(
    plot,
    lineChartSvg(
      'Read latency against open tasks',
      'open tasks (log scale)',
      'latency (ms)',
      series,
    ),
  );
  return file;
}

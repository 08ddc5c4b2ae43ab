import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BaselineResult } from './baseline';
import type { CodecCost } from './codec-cost';
import type { GrowthLevel } from './growth';
import type { ThroughputResult } from './handover-load';
import type { HistoryProfile } from './history-profile';
import type { OpenCasesResult } from './open-cases';
import type { BenchOptions } from './options';
import { lineChartSvg } from './plot';
import type { MemorySample } from './processes';

export interface BenchResults {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  options: BenchOptions;
  throughput: Omit<ThroughputResult, 'caseIds'>;
  peakMemory: { api: MemorySample; worker: MemorySample };
  baseline: Omit<BaselineResult, 'workflowIds'>;
  ratioToBaseline: number;
  databaseWritesPerHandover: { transactions: number; rows: Record<string, unknown> };
  historyPerHandover: { schakel: HistoryProfile; baseline: HistoryProfile };
  /** The payload codec's CPU time per handover (AES-256-GCM, see docs/operations.md). */
  codecCost: CodecCost;
  growth: GrowthLevel[];
  openCases?: OpenCasesResult;
  targets: { name: string; target: string; measured: string; met: boolean }[];
}

export function machine(): BenchResults['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

export function targets(results: Omit<BenchResults, 'targets'>): BenchResults['targets'] {
  const top = results.growth[results.growth.length - 1];
  const inboxP99 = top?.latency.inbox?.p99Ms ?? NaN;
  // The slowest real KPI endpoint once issue 6 published them (task-fact endpoints see only the real
  // cases' facts, see synthetic-load.ts), otherwise the representative query over the event log.
  const endpoints = Object.entries(top?.latency ?? {}).filter(([name]) =>
    name.startsWith('GET /kpis'),
  );
  const slowest = endpoints.sort(([, a], [, b]) => b.p50Ms - a.p50Ms)[0];
  const kpiName = slowest?.[0] ?? 'kpi lead time (event log)';
  const kpiP50 = slowest?.[1].p50Ms ?? top?.latency[kpiName]?.p50Ms ?? NaN;
  const workerMiB = results.openCases?.worker.rssMiB ?? NaN;
  return [
    {
      name: 'handovers/s ÷ engine baseline',
      target: '≥ 0.8',
      measured: results.ratioToBaseline.toFixed(2),
      met: results.ratioToBaseline >= 0.8,
    },
    {
      name: `inbox p99 at ${top?.openTasks ?? 0} open tasks`,
      target: '< 50 ms',
      measured: `${inboxP99} ms`,
      met: inboxP99 < 50,
    },
    {
      name: `KPI p50 (${kpiName}) at ${top?.events ?? 0} events`,
      target: '< 100 ms',
      measured: `${kpiP50} ms`,
      met: kpiP50 < 100,
    },
    {
      name: `worker RSS with ${results.openCases?.openCases ?? 0} open cases`,
      target: '< 1024 MiB',
      measured: `${workerMiB} MiB`,
      met: workerMiB < 1024,
    },
  ];
}

export function printTable(results: BenchResults): void {
  const { throughput, baseline } = results;
  console.log(
    `\nMachine: ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGiB} GiB, Node ${results.machine.node}`,
  );
  console.log(
    `\nSchakel: ${throughput.cases} cases, ${throughput.handovers} handovers at concurrency ${throughput.concurrency} in ${throughput.seconds} s` +
      ` → ${throughput.casesPerSecond} cases/s, ${throughput.handoversPerSecond} handovers/s`,
  );
  console.log(
    `Baseline: ${baseline.handovers} handovers in ${baseline.seconds} s → ${baseline.handoversPerSecond} handovers/s`,
  );
  console.log(`Ratio Schakel ÷ baseline: ${results.ratioToBaseline.toFixed(2)}`);
  const latencyRows = Object.entries({
    ...throughput.latency,
    ...prefixed('baseline ', baseline.latency),
  });
  console.table(Object.fromEntries(latencyRows.map(([name, summary]) => [name, summary])));
  const codec = results.codecCost;
  console.log(
    `Payload codec: ${codec.payloadsPerHandover} payloads (${codec.plaintextBytesPerHandover} B) per handover →` +
      ` encode ${codec.encodeMicrosPerHandover} µs + decode ${codec.decodeMicrosPerHandover} µs per handover` +
      ` (${codec.encodeMicrosPerPayload} / ${codec.decodeMicrosPerPayload} µs per payload)`,
  );
  console.log(
    `Peak memory (VmHWM): API ${results.peakMemory.api.peakRssMiB} MiB, worker ${results.peakMemory.worker.peakRssMiB} MiB`,
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
    const { openCases, worker, startsPerSecond } = results.openCases;
    console.log(
      `${openCases} open cases (${startsPerSecond} starts/s): worker RSS ${worker.rssMiB} MiB, peak ${worker.peakRssMiB} MiB`,
    );
  }
  console.table(results.targets);
}

function prefixed<T>(prefix: string, record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [`${prefix}${key}`, value]),
  );
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

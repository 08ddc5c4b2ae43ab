import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** V8's `.cpuprofile` (written by `node --cpu-prof` at exit), as far as the summary needs it. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  /** Microseconds, on the profiled process's own clock. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a sampled function lives: an npm package, Schakel's own code, Node itself, or V8. */
export function categoryOf(url: string, functionName: string): string {
  if (!url) return functionName || '(unknown)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const own = /(?:dist\/)?((?:apps|libs)\/[^/]+)/.exec(url);
  if (own) return `schakel ${own[1]}`;
  return url.includes('workflow') ? 'workflow bundle' : url;
}

/** Self time per category, in ms, largest first (the rest folded into `other`). */
export type ProfileSummary = Record<string, number>;

const SHOWN = 14;

/** When a profile started, on the process's clock (µs): its threads' profiles share that clock. */
export function profileStart(file: string): number {
  return (JSON.parse(readFileSync(file, 'utf8')) as CpuProfile).startTime;
}

/**
 * Sums the self time of the samples taken between `fromMicros` and `toMicros` (the process's
 * profile clock), per category, divided by `divisor` (e.g. the handovers). V8 samples the thread
 * on the wall clock: on a busy machine a descheduled thread's time still counts.
 */
export function summariseProfile(
  file: string,
  fromMicros: number,
  toMicros: number,
  divisor = 1,
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const category = new Map(
    profile.nodes.map((node) => [
      node.id,
      categoryOf(node.callFrame.url, node.callFrame.functionName),
    ]),
  );
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (at < fromMicros || at > toMicros) return;
    const name = category.get(id) ?? '(unknown)';
    totals.set(name, (totals.get(name) ?? 0) + delta / 1000);
  });
  const sorted = [...totals].sort(([, a], [, b]) => b - a);
  const shown = sorted.slice(0, SHOWN);
  const other = sorted.slice(SHOWN).reduce((sum, [, ms]) => sum + ms, 0);
  return Object.fromEntries(
    [...shown, ['other', other] as const].map(([name, ms]) => [
      name,
      Math.round((ms / divisor) * 100) / 100,
    ]),
  );
}

/**
 * The profiles a process wrote into `dir`, one per JavaScript thread (node names them
 * CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main thread, the worker's
 * workflow code runs in thread 1), by thread number.
 */
export function profilesOf(dir: string, pid: number): Map<number, string> {
  const profiles = new Map<number, string>();
  for (const file of readdirSync(dir)) {
    const match = new RegExp(`\\.${pid}\\.(\\d+)\\.\\d+\\.cpuprofile$`).exec(file);
    if (match) profiles.set(Number(match[1]), join(dir, file));
  }
  return profiles;
}

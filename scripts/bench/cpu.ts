import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of the CPU times in /proc/<pid>/stat. */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;

interface ProcessTimes {
  parent: number;
  /** utime + stime of every thread, plus cutime + cstime: children it has waited for. */
  ticks: number;
}

function timesOf(pid: number): ProcessTimes | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // it ended while we looked
  }
  // The command name (field 2) may hold spaces; the fields after it are plain numbers.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const field = (number: number) => Number(fields[number - 3]);
  return { parent: field(4), ticks: field(14) + field(15) + field(16) + field(17) };
}

function allProcesses(): Map<number, ProcessTimes> {
  const processes = new Map<number, ProcessTimes>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const times = timesOf(Number(entry));
    if (times) processes.set(Number(entry), times);
  }
  return processes;
}

/**
 * CPU milliseconds each group of processes has used so far: the processes and all their live
 * descendants, and the descendants that already ended (a parent's cutime/cstime holds them once
 * it has reaped them, as the postmaster does with its backends). The difference of two readings
 * is what the group used in between, whatever came and went.
 */
export function cpuMilliseconds(groups: Record<string, number[]>): Record<string, number> {
  const processes = allProcesses();
  const children = new Map<number, number[]>();
  for (const [pid, { parent }] of processes) {
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const treeTicks = (pid: number): number =>
    (processes.get(pid)?.ticks ?? 0) +
    (children.get(pid) ?? []).reduce((sum, child) => sum + treeTicks(child), 0);
  return Object.fromEntries(
    Object.entries(groups).map(([name, pids]) => [
      name,
      (pids.reduce((sum, pid) => sum + treeTicks(pid), 0) * 1000) / TICKS_PER_SECOND,
    ]),
  );
}

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** A port the kernel just handed out on 127.0.0.1, released again for the caller to bind. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface MemorySample {
  /** Resident set size now, in MiB. */
  rssMiB: number;
  /** Peak resident set size since the process started (VmHWM), in MiB. */
  peakRssMiB: number;
}

/** Reads VmRSS and VmHWM of a Linux process from /proc. */
export function memoryOf(pid: number): MemorySample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssMiB: Math.round(kib('VmRSS') / 1024), peakRssMiB: Math.round(kib('VmHWM') / 1024) };
}

/** The sample of the process using the most memory of several (by current or by peak RSS). */
export function largestMemory(pids: number[], by: keyof MemorySample = 'rssMiB'): MemorySample {
  return pids.map(memoryOf).reduce((big, sample) => (sample[by] > big[by] ? sample : big));
}

/** A compiled Node entry point run as a child process, its output kept for when it fails. */
export class NodeChild {
  private readonly child: ChildProcess;
  private output = '';
  /** When it was spawned, on this process's performance clock (a CPU profile's origin). */
  readonly spawnedAtMs = performance.now();

  constructor(
    readonly name: string,
    entry: string,
    env: NodeJS.ProcessEnv,
    nodeArgs: string[] = [],
  ) {
    this.child = spawn(process.execPath, [...nodeArgs, entry], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name} did not start`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get recentOutput(): string {
    return this.output;
  }

  /** Resolves with the exit code (1 when killed by a signal). */
  exited(): Promise<number> {
    if (!this.running) return Promise.resolve(this.child.exitCode ?? 1);
    return new Promise((resolve) => this.child.once('exit', (code) => resolve(code ?? 1)));
  }

  /** SIGTERM, then SIGKILL when it has not stopped within the grace period. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    const exited = this.exited();
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!stopped) {
      this.child.kill('SIGKILL');
      await exited;
    }
  }
}

/** Polls until the URL answers 200 or the child dies or the deadline passes. */
export async function waitForHttp(
  url: string,
  child: NodeChild,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.running) {
      throw new Error(`${child.name} exited before it was ready:\n${child.recentOutput}`);
    }
    const ok = await fetch(url)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`${child.name} was not ready at ${url} within ${timeoutMs} ms`);
}

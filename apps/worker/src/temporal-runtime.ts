import { Logger } from '@nestjs/common';
import { DefaultLogger, Runtime, type LogEntry, type LogLevel } from '@temporalio/worker';
import { safeLogMeta } from '@schakel/http';

const TEMPORAL_LEVEL: Record<string, LogLevel> = {
  fatal: 'ERROR',
  error: 'ERROR',
  warn: 'WARN',
  info: 'INFO',
  debug: 'DEBUG',
  trace: 'TRACE',
  silent: 'ERROR',
};

const WRITE: Record<LogLevel, keyof Pick<Logger, 'verbose' | 'debug' | 'log' | 'warn' | 'error'>> =
  {
    TRACE: 'verbose',
    DEBUG: 'debug',
    INFO: 'log',
    WARN: 'warn',
    ERROR: 'error',
  };

/**
 * Routes the SDK's own logs (worker lifecycle, activity failures, workflow `log`, the native core)
 * into the
 * application's structured logger, with ids and names only: no payloads, and errors (a failed
 * activity's database error) without SQL, parameters or quoted values.
 * The Runtime is process-wide and can be installed once, so a second worker in one process reuses it.
 */
export function installTemporalRuntime(logLevel: string): void {
  if (Runtime._instance) return;
  const logger = new Logger('Temporal');
  const level = TEMPORAL_LEVEL[logLevel] ?? 'INFO';
  Runtime.install({
    logger: new DefaultLogger(level, (entry: LogEntry) =>
      logger[WRITE[entry.level]]({ ...safeLogMeta(entry.meta), msg: entry.message }),
    ),
    // The native core's own lines (workflow task failures, gRPC retries) take the same path
    // instead of going straight to stderr, so they are structured and filtered alike.
    telemetryOptions: { logging: { filter: { core: level, other: 'ERROR' }, forward: {} } },
  });
}

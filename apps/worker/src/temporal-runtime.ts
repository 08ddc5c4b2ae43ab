import { Logger } from '@nestjs/common';
import { DefaultLogger, Runtime, type LogEntry, type LogLevel } from '@temporalio/worker';

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
 * Routes the SDK's own logs (worker lifecycle, workflow `log`) into the application's structured logger.
 * The Runtime is process-wide and can be installed once, so a second worker in one process reuses it.
 */
export function installTemporalRuntime(logLevel: string): void {
  if (Runtime._instance) return;
  const logger = new Logger('Temporal');
  Runtime.install({
    logger: new DefaultLogger(TEMPORAL_LEVEL[logLevel] ?? 'INFO', (entry: LogEntry) =>
      logger[WRITE[entry.level]]({ ...entry.meta, msg: entry.message }),
    ),
  });
}

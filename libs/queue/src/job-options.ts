import type { JobsOptions } from 'bullmq';

/**
 * Completed jobs are trimmed (the database is the record of what happened); failed jobs stay in Redis,
 * bounded only by a large count, so they can be inspected and retried.
 */
export const RETENTION: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { count: 50_000 },
};

/**
 * A job id derived from the job's data, so adding the same work twice is a no-op. BullMQ refuses ':'
 * in custom ids, so each part is URI-encoded (which also keeps distinct parts from colliding).
 */
export function jobId(kind: string, ...parts: string[]): string {
  return [kind, ...parts].map(encodeURIComponent).join('/');
}

/** The delay BullMQ's built-in exponential backoff waits after the n-th failed attempt (n ≥ 1). */
export function exponentialBackoffDelay(baseDelayMs: number, attemptsMade: number): number {
  return Math.round(2 ** (attemptsMade - 1) * baseDelayMs);
}

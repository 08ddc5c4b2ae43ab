import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';

/** True while the job runs its last allowed attempt: a failure now is final. */
export function isLastAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * Base of every BullMQ processor: logs each job with its queue, id and attempt, and rethrows failures
 * so BullMQ applies the job's own retry policy (attempts, backoff). Subclasses implement `handle`.
 * Workers are closed on application shutdown by @nestjs/bullmq, which waits for running jobs.
 */
export abstract class BaseProcessor<Data, Result = void> extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  protected abstract handle(job: Job<Data>): Promise<Result>;

  async process(job: Job<Data>): Promise<Result> {
    const context = {
      queue: job.queueName,
      jobId: job.id,
      jobName: job.name,
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
    };
    this.logger.debug(context, 'Job started');
    try {
      const result = await this.handle(job);
      this.logger.debug(context, 'Job completed');
      return result;
    } catch (error) {
      if (isLastAttempt(job) || error instanceof UnrecoverableError) {
        this.logger.error({ ...context, err: error }, 'Job failed for good; kept as failed');
      } else {
        this.logger.warn({ ...context, err: error }, 'Job failed; BullMQ will retry it');
      }
      throw error;
    }
  }
}

import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { jobId, RETENTION } from '../job-options';
import { QUEUE_NAMES } from '../queue-names';

export type EmailJob = { kind: 'send'; emailId: string } | { kind: 'digest' };

/** SMTP outages are usually short: retry an e-mail for about an hour (from 30 s, doubling). */
const SEND_ATTEMPTS = 8;
const SEND_BACKOFF_MS = 30_000;
const DIGEST_SCHEDULER = 'daily-email-digest';

/** Enqueues immediate e-mails (one job per e-mail row) and schedules the daily digest. */
@Injectable()
export class EmailQueue {
  constructor(@InjectQueue(QUEUE_NAMES.emails) private readonly queue: Queue<EmailJob>) {}

  async enqueueSend(emailId: string): Promise<void> {
    await this.queue.add(
      'send',
      { kind: 'send', emailId },
      {
        ...RETENTION,
        jobId: jobId('email', emailId),
        attempts: SEND_ATTEMPTS,
        backoff: { type: 'exponential', delay: SEND_BACKOFF_MS },
      },
    );
  }

  /** One scheduler for every worker replica (BullMQ keeps it once, by name). */
  async scheduleDigest(pattern: string, tz: string): Promise<void> {
    await this.queue.upsertJobScheduler(
      DIGEST_SCHEDULER,
      { pattern, tz },
      {
        name: 'digest',
        data: { kind: 'digest' },
        opts: {
          ...RETENTION,
          attempts: SEND_ATTEMPTS,
          backoff: { type: 'exponential', delay: SEND_BACKOFF_MS },
        },
      },
    );
  }

  /** Runs a digest now (operations, and tests). */
  async enqueueDigest(): Promise<void> {
    await this.queue.add('digest', { kind: 'digest' }, { ...RETENTION });
  }
}

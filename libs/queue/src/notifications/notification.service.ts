import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { NotificationEvent } from '@schakel/contracts';
import { jobId, RETENTION } from '../job-options';
import { QUEUE_NAMES } from '../queue-names';
import { notificationJob, type NotificationJob } from './notification-event';

/** Fan-out only writes our own database, so failures are outages of our own: retry for ~8 minutes. */
const FAN_OUT_ATTEMPTS = 10;
const FAN_OUT_BACKOFF_MS = 1000;

/**
 * The single entry point for notifications. `notify` only enqueues (one job per event id) and returns:
 * writing the inbox and calling partner webhooks happens in the worker, never on the caller's path.
 */
@Injectable()
export class NotificationService {
  constructor(
    @InjectQueue(QUEUE_NAMES.notifications) private readonly queue: Queue<NotificationJob>,
  ) {}

  /**
   * Throws InvalidNotificationEventError for a malformed event (do not retry) and a Redis error when
   * the queue is unreachable (retry: the event id makes a repeated call harmless).
   */
  async notify(event: NotificationEvent): Promise<void> {
    const job = notificationJob(event, new Date());
    await this.queue.add(job.kind, job, {
      ...RETENTION,
      jobId: jobId('notify', job.id),
      attempts: FAN_OUT_ATTEMPTS,
      backoff: { type: 'exponential', delay: FAN_OUT_BACKOFF_MS },
    });
  }
}

import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { EnvironmentVariables } from '@schakel/config';
import { jobId, RETENTION } from '../job-options';
import { QUEUE_NAMES } from '../queue-names';
import type { WebhookDeliveryJob } from './notification-event';

export interface DeliveryToEnqueue {
  id: string;
  organisationId: string;
  eventId: string;
  manualRetries: number;
}

/** Enqueues one attempt series for a webhook delivery row, with the configured backoff. */
@Injectable()
export class WebhookDeliveryQueue {
  constructor(
    @InjectQueue(QUEUE_NAMES.webhookDeliveries)
    private readonly queue: Queue<WebhookDeliveryJob>,
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
  ) {}

  async enqueue(delivery: DeliveryToEnqueue): Promise<void> {
    // An admin retry is a new series, so it needs a job id of its own (the failed job is kept).
    const series = delivery.manualRetries > 0 ? [`retry-${delivery.manualRetries}`] : [];
    await this.queue.add(
      'deliver',
      { deliveryId: delivery.id },
      {
        ...RETENTION,
        jobId: jobId('webhook', delivery.organisationId, delivery.eventId, ...series),
        attempts: this.env.WEBHOOK_MAX_ATTEMPTS,
        backoff: { type: 'exponential', delay: this.env.WEBHOOK_BACKOFF_BASE_MS },
      },
    );
  }
}

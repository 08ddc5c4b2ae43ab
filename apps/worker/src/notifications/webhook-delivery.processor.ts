import { Inject } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { EnvironmentVariables } from '@schakel/config';
import {
  WebhookDeliveryRepository,
  WebhookSubscriptionRepository,
  type WebhookDeliveryEntity,
  type WebhookSubscriptionEntity,
} from '@schakel/database';
import {
  BaseProcessor,
  exponentialBackoffDelay,
  isLastAttempt,
  QUEUE_NAMES,
  WebhookSecrets,
  WebhookTargets,
  webhookRequest,
  type WebhookDeliveryJob,
} from '@schakel/queue';
import { WebhookSender, type SendOutcome } from './webhook-sender.service';

/** The backoff base the job was enqueued with (the API and the worker could be configured apart). */
function backoffBase(job: Job): number {
  const backoff = job.opts.backoff;
  return typeof backoff === 'number' ? backoff : (backoff?.delay ?? 0);
}

/**
 * One attempt per run: checks the URL against the SSRF policy again (DNS may have changed since
 * registration), POSTs the signed CloudEvent to the pinned address and records the outcome on the
 * delivery row. A failure is thrown so BullMQ retries with exponential backoff; the last failure
 * marks the row failed.
 */
@Processor(QUEUE_NAMES.webhookDeliveries, { concurrency: 10 })
export class WebhookDeliveryProcessor extends BaseProcessor<WebhookDeliveryJob> {
  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly sender: WebhookSender,
    private readonly secrets: WebhookSecrets,
    private readonly targets: WebhookTargets,
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
  ) {
    super();
  }

  protected async handle(job: Job<WebhookDeliveryJob>): Promise<void> {
    const delivery = await this.deliveries.findById(job.data.deliveryId);
    // Already delivered, or given up on while this job waited: nothing to send.
    if (delivery?.status !== 'pending') return;

    const subscription = await this.subscriptions.findForOrganisation(delivery.organisationId);
    if (!subscription?.active || !subscription.secretSealed) {
      await this.deliveries.abandon(
        delivery.id,
        'The organisation has no active webhook subscription any more',
      );
      throw new UnrecoverableError(`No active webhook for ${delivery.organisationId}`);
    }

    const outcome = await this.attempt(delivery, subscription);
    if (outcome.ok) {
      await this.deliveries.recordAttempt(delivery.id, {
        result: 'delivered',
        statusCode: outcome.statusCode,
      });
      return;
    }
    if (isLastAttempt(job)) {
      await this.deliveries.recordAttempt(delivery.id, { result: 'failed', ...outcome });
    } else {
      const delay = exponentialBackoffDelay(backoffBase(job), job.attemptsMade + 1);
      await this.deliveries.recordAttempt(delivery.id, {
        result: 'retrying',
        ...outcome,
        nextAttemptAt: new Date(Date.now() + delay),
      });
    }
    throw new Error(`Webhook of ${delivery.organisationId} failed: ${outcome.error}`);
  }

  private async attempt(
    delivery: WebhookDeliveryEntity,
    subscription: WebhookSubscriptionEntity,
  ): Promise<SendOutcome> {
    const target = await this.targets.resolve(subscription.url);
    if (!target.ok) return { ok: false, statusCode: null, error: target.reason };
    const now = new Date();
    const request = webhookRequest(
      delivery,
      {
        publicBaseUrl: this.env.PUBLIC_BASE_URL,
        consoleBaseUrl: this.env.CONSOLE_BASE_URL,
        sourceOin: this.env.CLOUDEVENTS_SOURCE_OIN,
      },
      this.secrets.signingSecrets(subscription, now),
      now,
    );
    return this.sender.send(target, request);
  }
}

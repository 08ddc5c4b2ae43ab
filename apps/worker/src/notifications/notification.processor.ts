import { Inject } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { EnvironmentVariables } from '@schakel/config';
import {
  EmailNotificationRepository,
  NotificationRepository,
  TaskRepository,
  WebhookDeliveryRepository,
  WebhookSubscriptionRepository,
} from '@schakel/database';
import {
  BaseProcessor,
  consoleLink,
  EmailQueue,
  QUEUE_NAMES,
  WebhookDeliveryQueue,
  type NotificationJob,
} from '@schakel/queue';
import { Mailer } from './mailer.service';

/**
 * Fans one event out: an in-app notification per recipient, a webhook delivery per subscribed
 * organisation and an e-mail per e-mail subscription it concerns. Every step is idempotent by event
 * id, so BullMQ may rerun the whole job safely.
 */
@Processor(QUEUE_NAMES.notifications, { concurrency: 5 })
export class NotificationProcessor extends BaseProcessor<NotificationJob> {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly tasks: TaskRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly webhookQueue: WebhookDeliveryQueue,
    private readonly emails: EmailNotificationRepository,
    private readonly emailQueue: EmailQueue,
    private readonly mailer: Mailer,
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
  ) {
    super();
  }

  protected async handle({ data: event }: Job<NotificationJob>): Promise<void> {
    const payload = await this.withTaskId(event);
    const written = await this.notifications.insertForAudience(
      {
        eventId: event.id,
        kind: event.kind,
        title: event.title,
        body: event.body,
        caseId: event.caseId,
        payload,
      },
      { userIds: event.userIds, organisationIds: event.organisationIds, roles: event.roles },
    );
    const subscriptions = await this.subscriptions.findActiveForEvent(
      event.organisationIds,
      event.kind,
    );
    const deliveries = await this.deliveries.createPending(
      subscriptions.map((subscription) => ({
        organisationId: subscription.organisationId,
        eventId: event.id,
        eventKind: event.kind,
        caseId: event.caseId,
        chainId: event.chainId,
        occurredAt: new Date(event.occurredAt),
        payload,
      })),
    );
    // Delivered or failed rows from an earlier run are left alone; pending ones are (re)enqueued,
    // which the derived job id turns into a no-op when their job still exists.
    const pending = deliveries.filter((delivery) => delivery.status === 'pending');
    await Promise.all(pending.map((delivery) => this.webhookQueue.enqueue(delivery)));
    const emails = await this.recordEmails(event, payload);
    this.logger.log(
      { eventId: event.id, kind: event.kind, inApp: written, webhooks: pending.length, emails },
      'Notification event fanned out',
    );
  }

  /**
   * The case machine knows a task by its key; people and partner systems by the id the console and
   * API use. The projection is written before the event is raised, so the row exists by now.
   */
  private async withTaskId(event: NotificationJob): Promise<Record<string, unknown>> {
    const { taskKey } = event.payload;
    if (!event.caseId || typeof taskKey !== 'string' || event.payload.taskId) return event.payload;
    const taskId = await this.tasks.findIdByKey(event.caseId, taskKey);
    return taskId ? { ...event.payload, taskId } : event.payload;
  }

  /** E-mail rows for this event; immediate ones are queued now, daily ones wait for the digest. */
  private async recordEmails(
    event: NotificationJob,
    payload: Record<string, unknown>,
  ): Promise<number> {
    if (!this.mailer.enabled) return 0;
    const rows = await this.emails.createForEvent(
      {
        eventId: event.id,
        title: event.title,
        link: consoleLink(this.env.CONSOLE_BASE_URL, event.caseId, payload),
      },
      event.organisationIds,
    );
    const immediate = rows.filter((row) => row.mode === 'immediate');
    await Promise.all(immediate.map((row) => this.emailQueue.enqueueSend(row.id)));
    return rows.length;
  }
}

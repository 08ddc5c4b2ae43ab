import { Module } from '@nestjs/common';
import { NotificationsQueueModule } from '@schakel/queue';
import { EmailProcessor } from './email.processor';
import { Mailer } from './mailer.service';
import { NotificationProcessor } from './notification.processor';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';
import { WebhookSender } from './webhook-sender.service';

/**
 * The processors of the notification queues. Re-exports NotificationsQueueModule so the worker's
 * activities can inject NotificationService.
 */
@Module({
  imports: [NotificationsQueueModule],
  providers: [
    NotificationProcessor,
    WebhookDeliveryProcessor,
    WebhookSender,
    EmailProcessor,
    Mailer,
  ],
  exports: [NotificationsQueueModule],
})
export class NotificationsWorkerModule {}

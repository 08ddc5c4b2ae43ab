import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUE_NAMES } from '../queue-names';
import { EmailQueue } from './email-queue.service';
import { NotificationService } from './notification.service';
import { WebhookDeliveryQueue } from './webhook-delivery-queue.service';
import { WebhookSecrets } from './webhook-secrets.service';
import { WebhookTargets } from './webhook-targets.service';

/** The producer side of notifications, for the API and the worker (needs the global QueueModule). */
@Module({
  imports: [
    BullModule.registerQueue(
      { name: QUEUE_NAMES.notifications },
      { name: QUEUE_NAMES.webhookDeliveries },
      { name: QUEUE_NAMES.emails },
    ),
  ],
  providers: [
    NotificationService,
    WebhookDeliveryQueue,
    WebhookSecrets,
    WebhookTargets,
    EmailQueue,
  ],
  exports: [NotificationService, WebhookDeliveryQueue, WebhookSecrets, WebhookTargets, EmailQueue],
})
export class NotificationsQueueModule {}

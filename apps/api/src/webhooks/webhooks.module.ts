import { Module } from '@nestjs/common';
import { NotificationsQueueModule } from '@schakel/queue';
import { OrganisationWebhookController } from './organisation-webhook.controller';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [NotificationsQueueModule],
  controllers: [OrganisationWebhookController, WebhookDeliveriesController],
  providers: [WebhooksService],
})
export class WebhooksModule {}

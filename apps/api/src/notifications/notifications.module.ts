import { Module } from '@nestjs/common';
import { NotificationsQueueModule } from '@schakel/queue';
import { InboxService } from './inbox.service';
import { NotificationsController } from './notifications.controller';

/**
 * The in-app inbox. Notifications are written by the worker; API features that raise events
 * import this module (or NotificationsQueueModule) and call NotificationService.notify.
 */
@Module({
  imports: [NotificationsQueueModule],
  controllers: [NotificationsController],
  providers: [InboxService],
  exports: [NotificationsQueueModule],
})
export class NotificationsModule {}

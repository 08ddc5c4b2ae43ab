import { Module } from '@nestjs/common';
import { NotificationsQueueModule } from '@schakel/queue';
import { EmailPreferencesService } from './email-preferences.service';
import { InboxService } from './inbox.service';
import { MyEmailController } from './my-email.controller';
import { NotificationsController } from './notifications.controller';
import { OrganisationEmailController } from './organisation-email.controller';

/**
 * The in-app inbox. Notifications are written by the worker; API features that raise events
 * import this module (or NotificationsQueueModule) and call NotificationService.notify.
 */
@Module({
  imports: [NotificationsQueueModule],
  controllers: [MyEmailController, NotificationsController, OrganisationEmailController],
  providers: [InboxService, EmailPreferencesService],
  exports: [NotificationsQueueModule],
})
export class NotificationsModule {}

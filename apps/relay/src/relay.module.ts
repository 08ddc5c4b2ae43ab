import { Module } from '@nestjs/common';
import { ConfigModule } from '@schakel/config';
import { DatabaseModule } from '@schakel/database';
import { HttpLoggerModule } from '@schakel/http';
import { NotificationsQueueModule, QueueModule } from '@schakel/queue';
import { OutboxRelay } from './outbox-relay.service';

@Module({
  imports: [ConfigModule, HttpLoggerModule, DatabaseModule, QueueModule, NotificationsQueueModule],
  providers: [OutboxRelay],
})
export class RelayModule {}

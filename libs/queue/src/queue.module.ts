import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { EnvironmentVariables } from '@schakel/config';
import { redisOptions } from './redis-options';
import { RedisProbe } from './redis-probe';

/** BullMQ on Redis for side effects that must never block a case (notifications, webhooks, exports). */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [EnvironmentVariables],
      useFactory: (env: EnvironmentVariables) => ({
        connection: redisOptions(env.REDIS_URL),
        prefix: env.REDIS_PREFIX,
      }),
    }),
  ],
  providers: [RedisProbe],
  exports: [RedisProbe],
})
export class QueueModule {}

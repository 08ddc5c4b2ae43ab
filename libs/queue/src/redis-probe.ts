import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { EnvironmentVariables } from '@schakel/config';
import { redisOptions } from './redis-options';

/** A dedicated connection for readiness: fails fast instead of queueing commands while Redis is down. */
@Injectable()
export class RedisProbe implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(@Inject(EnvironmentVariables) env: EnvironmentVariables) {
    this.redis = new Redis({
      ...redisOptions(env.REDIS_URL),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      retryStrategy: () => 1000,
    });
    this.redis.on('error', () => undefined); // reported through ping() instead of crashing the process
  }

  async ping(): Promise<void> {
    if (this.redis.status === 'wait') await this.redis.connect();
    const answer = await this.redis.ping();
    if (answer !== 'PONG') throw new Error(`Redis answered ${answer} to PING`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

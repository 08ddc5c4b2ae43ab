import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUE_NAMES } from '@schakel/queue';

/** A Redis key prefix of the test file's own, so no other worker (or test run) takes its jobs. */
export const isolatedRedisPrefix = (): string => `schakel-test-${randomUUID()}`;

/** Removes the test's queues from Redis (failed jobs are otherwise kept on purpose). */
export async function removeNotificationQueues(api: INestApplication): Promise<void> {
  for (const name of Object.values(QUEUE_NAMES)) {
    await api.get<Queue>(getQueueToken(name), { strict: false }).obliterate({ force: true });
  }
}

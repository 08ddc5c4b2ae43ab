import { randomUUID } from 'node:crypto';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { EnvironmentVariables } from '@schakel/config';
import type { SmokeResult } from '@schakel/contracts';

const SMOKE_TIMEOUT_MS = 30_000;

@Injectable()
export class SmokeService {
  constructor(
    private readonly temporal: Client,
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
  ) {}

  async run(message: string, requestedBy: string): Promise<SmokeResult> {
    const handle = await this.temporal.workflow.start('smokeWorkflow', {
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      workflowId: `smoke-${randomUUID()}`,
      args: [{ message, requestedBy }],
      workflowExecutionTimeout: SMOKE_TIMEOUT_MS,
    });
    try {
      return (await handle.result()) as SmokeResult;
    } catch (error) {
      throw new ServiceUnavailableException(
        `The smoke workflow did not complete: ${(error as Error).message}. Is the worker running?`,
      );
    }
  }
}

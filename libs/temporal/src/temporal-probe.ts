import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { EnvironmentVariables } from '@schakel/config';
import { temporalAddress } from './temporal-address';

/**
 * A connection for readiness only, without the client's gRPC retry interceptor: a probe should
 * answer within its deadline, and a retry still scheduled after close() would crash the process.
 */
@Injectable()
export class TemporalProbe implements OnApplicationShutdown {
  private readonly connection: Connection;

  constructor(@Inject(EnvironmentVariables) private readonly env: EnvironmentVariables) {
    this.connection = Connection.lazy({
      address: temporalAddress(env),
      connectTimeout: 2000,
      interceptors: [],
    });
  }

  async ping(timeoutMs: number): Promise<void> {
    await this.connection.withDeadline(Date.now() + timeoutMs, () =>
      this.connection.workflowService.getSystemInfo({}),
    );
  }

  /** How many workers polled the case task queue for workflow tasks in the last minutes. */
  async workflowPollers(timeoutMs: number): Promise<number> {
    const answer = await this.connection.withDeadline(Date.now() + timeoutMs, () =>
      this.connection.workflowService.describeTaskQueue({
        namespace: this.env.TEMPORAL_NAMESPACE,
        taskQueue: { name: this.env.TEMPORAL_TASK_QUEUE },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    return answer.pollers?.length ?? 0;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

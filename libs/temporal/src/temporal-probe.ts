import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { EnvironmentVariables } from '@schakel/config';
import { temporalAddress } from './temporal-address';

/**
 * A connection for readiness only, without the client's gRPC retry interceptor: a probe should
 * answer within its deadline, and a retry still scheduled after close() would crash the process.
 */
@Injectable()
export class TemporalProbe implements OnApplicationShutdown {
  private readonly connection: Connection;

  constructor(@Inject(EnvironmentVariables) env: EnvironmentVariables) {
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

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

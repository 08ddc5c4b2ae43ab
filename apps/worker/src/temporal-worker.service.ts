import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { EnvironmentVariables, payloadCodecKeyring } from '@schakel/config';
import { encryptedDataConverter, temporalAddress } from '@schakel/temporal';
import { WORKFLOWS_PATH } from '@schakel/workflows';
import { activityFunctions } from './activity-registry';
import { CaseActivities } from './cases/case.activities';
import { CaseMigrationActivities } from './migrations/case-migration.activities';
import { SmokeActivities } from './smoke/smoke.activities';
import { installTemporalRuntime } from './temporal-runtime';

/**
 * Where the worker takes its workflow code from: compiled sources by default, a prebuilt bundle in
 * tests (built with the encrypting failure converter, see bundleWorkflowsFromSource).
 */
export const WORKFLOW_SOURCE = Symbol('WORKFLOW_SOURCE');
export type WorkflowSource = Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'>;
export const defaultWorkflowSource: WorkflowSource = { workflowsPath: WORKFLOWS_PATH };

/** Hosts the case workflows and the Nest-injected activities; drains in-flight tasks on shutdown. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
    @Inject(WORKFLOW_SOURCE) private readonly workflowSource: WorkflowSource,
    private readonly smoke: SmokeActivities,
    private readonly cases: CaseActivities,
    private readonly migrations: CaseMigrationActivities,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    installTemporalRuntime(this.env.LOG_LEVEL);
    this.connection = await NativeConnection.connect({ address: temporalAddress(this.env) });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.env.TEMPORAL_NAMESPACE,
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      ...this.workflowSource,
      dataConverter: encryptedDataConverter(payloadCodecKeyring(this.env)),
      maxCachedWorkflows: this.env.TEMPORAL_MAX_CACHED_WORKFLOWS,
      // SIGTERM: running activities get the grace period, then are cancelled (and retried by
      // another worker); past twice that the worker gives up waiting, so shutdown is bounded.
      shutdownGraceTime: `${this.env.WORKER_SHUTDOWN_GRACE_SECONDS}s`,
      shutdownForceTime: `${this.env.WORKER_SHUTDOWN_GRACE_SECONDS * 2}s`,
      activities: activityFunctions(this.smoke, this.cases, this.migrations),
    });
    this.running = this.worker.run();
    this.running.catch((error: unknown) =>
      this.logger.error({ err: error }, 'Temporal worker stopped'),
    );
    this.logger.log(
      `Polling task queue ${this.env.TEMPORAL_TASK_QUEUE} on ${temporalAddress(this.env)}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}

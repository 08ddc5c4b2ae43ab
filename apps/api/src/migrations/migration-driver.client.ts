import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { EnvironmentVariables } from '@schakel/config';
import {
  CASE_MIGRATION_RUN_WORKFLOW_TYPE,
  migrationRunWorkflowId,
  type MigrationRunInput,
} from '@schakel/contracts';

/** Starts the durable driver of a migration run: one workflow per run, which walks its batches. */
@Injectable()
export class MigrationDriverClient {
  constructor(
    private readonly temporal: Client,
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
  ) {}

  async start(input: MigrationRunInput): Promise<void> {
    await this.temporal.withDeadline(Date.now() + this.env.UPDATE_DEADLINE_MS, () =>
      this.temporal.workflow.start(CASE_MIGRATION_RUN_WORKFLOW_TYPE, {
        workflowId: migrationRunWorkflowId(input.runId),
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    );
  }
}

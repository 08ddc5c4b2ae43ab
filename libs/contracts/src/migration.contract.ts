/** The durable driver of one migration run (issue 16): a workflow that walks the run's batches. */
export interface MigrationRunInput {
  runId: string;
  chainId: string;
}

export interface MigrationBatchInput extends MigrationRunInput {
  batch: number;
}

/** What one batch did, counted over the cases it settled now (a resumed batch skips settled ones). */
export interface MigrationBatchResult {
  migrated: number;
  alreadyMigrated: number;
  refused: number;
}

export interface CaseMigrationActivities {
  /** Batches of the run not finished yet, in order. */
  pendingMigrationBatches(input: MigrationRunInput): Promise<number[]>;
  /**
   * Sends each pending case of the batch its migration Update and records the outcome with an audit
   * line, then the batch's audit line. Idempotent: settled cases are skipped, and the Update of a
   * case this run already migrated answers as before.
   */
  migrateCaseBatch(input: MigrationBatchInput): Promise<MigrationBatchResult>;
  finishMigrationRun(input: MigrationRunInput): Promise<void>;
}

export const CASE_MIGRATION_RUN_WORKFLOW_TYPE = 'caseMigrationRunWorkflow';
export const migrationRunWorkflowId = (runId: string): string => `case-migration-run-${runId}`;
/** The Update id of a run's migration of a case: a repeated send is the same Update. */
export const migrationUpdateId = (runId: string): string => `migration:${runId}`;

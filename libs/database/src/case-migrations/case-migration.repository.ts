import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { CaseMigrationView } from '@schakel/contracts';
import { AuditLogRepository, type NewAuditEntry } from '../audit/audit-log.repository';
import { MigrationCaseEntity, type MigrationCaseOutcome } from './migration-case.entity';
import { MigrationPlanEntity } from './migration-plan.entity';
import { MigrationRunEntity } from './migration-run.entity';

export type NewMigrationPlan = Pick<
  MigrationPlanEntity,
  'chainId' | 'fromVersion' | 'toVersion' | 'mapping' | 'createdBy'
>;
export type NewMigrationRun = Pick<
  MigrationRunEntity,
  | 'planId'
  | 'chainId'
  | 'fromVersion'
  | 'toVersion'
  | 'reason'
  | 'startedBy'
  | 'startedByRole'
  | 'batchSize'
>;

/** Which open cases a dry run or a run takes: all of the chain's on the version, or fewer. */
export interface CaseSelection {
  caseIds?: string[];
  /** Cases with an open task on one of these steps. */
  stepIds?: string[];
  /** Cases with an open task held by one of these partners. */
  partnerIds?: string[];
  openedFrom?: Date;
  openedTo?: Date;
}

export interface RunProgress {
  total: number;
  pending: number;
  migrated: number;
  alreadyMigrated: number;
  refused: number;
  batches: number;
  batchesDone: number;
}

/**
 * Plans, runs and each case's outcome of moving running cases to a later model version. Every
 * lookup names the chain, so one chain's owner never reaches another chain's plans or runs.
 */
@Injectable()
export class CaseMigrationRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MigrationPlanEntity) private readonly plans: Repository<MigrationPlanEntity>,
    @InjectRepository(MigrationRunEntity) private readonly runs: Repository<MigrationRunEntity>,
    @InjectRepository(MigrationCaseEntity) private readonly cases: Repository<MigrationCaseEntity>,
    private readonly audit: AuditLogRepository,
  ) {}

  /** Saves the plan as the next revision between its two versions (a concurrent save fails on the key). */
  savePlan(plan: NewMigrationPlan): Promise<MigrationPlanEntity> {
    return this.dataSource.transaction(async (manager) => {
      const [{ next }] = await manager.query<{ next: number }[]>(
        `SELECT COALESCE(MAX(revision), 0) + 1 AS next FROM migration_plans
         WHERE chain_id = $1 AND from_version = $2 AND to_version = $3`,
        [plan.chainId, plan.fromVersion, plan.toVersion],
      );
      const row = manager.create(MigrationPlanEntity, {
        ...plan,
        id: randomUUID(),
        revision: next,
        createdAt: new Date(),
      });
      await manager.insert(MigrationPlanEntity, row);
      return row;
    });
  }

  findPlan(chainId: string, id: string): Promise<MigrationPlanEntity | null> {
    return this.plans.findOne({ where: { chainId, id } });
  }

  listPlans(chainId: string): Promise<MigrationPlanEntity[]> {
    return this.plans.find({ where: { chainId }, order: { createdAt: 'DESC', revision: 'DESC' } });
  }

  /** The chain's open cases on `version` that the selection takes, oldest first, and how many in all. */
  async selectCases(
    chainId: string,
    version: number,
    selection: CaseSelection,
    limit: number,
  ): Promise<{ ids: string[]; total: number }> {
    const params: unknown[] = [chainId, version];
    const where = [`c.chain_id = $1`, `c.model_version = $2`, `c.status = 'open'`];
    const add = (value: unknown, clause: (p: string) => string) => {
      if (value === undefined) return;
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    const openTask = (condition: string) =>
      `EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.status = 'open' AND ${condition})`;
    add(selection.caseIds, (p) => `c.id = ANY(${p}::uuid[])`);
    add(selection.stepIds, (p) => openTask(`t.step_id = ANY(${p})`));
    add(selection.partnerIds, (p) => openTask(`t.partner_id = ANY(${p})`));
    add(selection.openedFrom, (p) => `c.opened_at >= ${p}`);
    add(selection.openedTo, (p) => `c.opened_at < ${p}`);
    params.push(limit);
    const rows = await this.dataSource.query<{ id: string; total: string }[]>(
      `SELECT c.id, count(*) OVER () AS total FROM cases c WHERE ${where.join(' AND ')}
       ORDER BY c.opened_at, c.id LIMIT $${params.length}`,
      params,
    );
    return { ids: rows.map((row) => row.id), total: Number(rows[0]?.total ?? 0) };
  }

  /** The run with its cases in batches of `batchSize`, in one transaction: a run starts whole or not at all. */
  startRun(run: NewMigrationRun, caseIds: string[]): Promise<MigrationRunEntity> {
    return this.dataSource.transaction(async (manager) => {
      const row = manager.create(MigrationRunEntity, {
        ...run,
        id: randomUUID(),
        status: 'running',
        startedAt: new Date(),
        finishedAt: null,
      });
      await manager.insert(MigrationRunEntity, row);
      const batchOf = (index: number) => Math.floor(index / run.batchSize);
      await manager.query(
        `INSERT INTO migration_cases (run_id, case_id, batch)
         SELECT $1, id, (ordinality - 1) / $3::int FROM unnest($2::uuid[]) WITH ORDINALITY AS s(id, ordinality)`,
        [row.id, caseIds, run.batchSize],
      );
      const batches = caseIds.length ? batchOf(caseIds.length - 1) + 1 : 0;
      await manager.query(
        `INSERT INTO migration_batches (run_id, batch) SELECT $1, generate_series(0, $2::int - 1)`,
        [row.id, batches],
      );
      return row;
    });
  }

  /** Undoes a run whose driver could not be started (nothing of it ran). */
  async discardRun(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM migration_batches WHERE run_id = $1`, [id]);
      await manager.query(`DELETE FROM migration_cases WHERE run_id = $1`, [id]);
      await manager.query(`DELETE FROM migration_runs WHERE id = $1`, [id]);
    });
  }

  findRun(chainId: string, id: string): Promise<MigrationRunEntity | null> {
    return this.runs.findOne({ where: { chainId, id } });
  }

  listRuns(chainId: string): Promise<MigrationRunEntity[]> {
    return this.runs.find({ where: { chainId }, order: { startedAt: 'DESC' } });
  }

  async progress(runId: string): Promise<RunProgress> {
    const [row] = await this.dataSource.query<Record<keyof RunProgress, string>[]>(
      `SELECT count(*) AS total,
         count(*) FILTER (WHERE outcome = 'pending') AS pending,
         count(*) FILTER (WHERE outcome = 'migrated') AS migrated,
         count(*) FILTER (WHERE outcome = 'already-migrated') AS "alreadyMigrated",
         count(*) FILTER (WHERE outcome = 'refused') AS refused,
         (SELECT count(*) FROM migration_batches b WHERE b.run_id = $1) AS batches,
         (SELECT count(*) FROM migration_batches b WHERE b.run_id = $1 AND b.finished_at IS NOT NULL)
           AS "batchesDone"
       FROM migration_cases WHERE run_id = $1`,
      [runId],
    );
    return Object.fromEntries(
      Object.entries(row).map(([key, value]) => [key, Number(value)]),
    ) as unknown as RunProgress;
  }

  /** The run's cases with their outcome, settled ones first by when, then the pending ones. */
  runCases(runId: string): Promise<MigrationCaseEntity[]> {
    return this.cases.find({
      where: { runId },
      order: { batch: 'ASC', caseId: 'ASC' },
    });
  }

  /** Batches not finished yet, in order: where a resumed driver carries on. */
  async pendingBatches(runId: string): Promise<number[]> {
    const rows = await this.dataSource.query<{ batch: number }[]>(
      `SELECT batch FROM migration_batches WHERE run_id = $1 AND finished_at IS NULL ORDER BY batch`,
      [runId],
    );
    return rows.map((row) => row.batch);
  }

  batchCases(runId: string, batch: number): Promise<MigrationCaseEntity[]> {
    return this.cases.find({ where: { runId, batch }, order: { caseId: 'ASC' } });
  }

  /**
   * Records a case's outcome and its audit line in one transaction, once: a case already settled
   * (a retried batch) keeps its first outcome and no second line is written. True when recorded now.
   */
  settleCase(
    runId: string,
    caseId: string,
    outcome: Exclude<MigrationCaseOutcome, 'pending'>,
    detail: CaseMigrationView,
    audit: NewAuditEntry,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const settled = await manager.query<unknown[]>(
        `UPDATE migration_cases SET outcome = $3, detail = $4, settled_at = now()
         WHERE run_id = $1 AND case_id = $2 AND outcome = 'pending' RETURNING case_id`,
        [runId, caseId, outcome, JSON.stringify(detail)],
      );
      if (settled.length === 0) return false;
      await this.audit.append(audit, manager);
      return true;
    });
  }

  /** Marks a batch done with its audit line, once. */
  finishBatch(runId: string, batch: number, audit: NewAuditEntry): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const finished = await manager.query<unknown[]>(
        `UPDATE migration_batches SET finished_at = now()
         WHERE run_id = $1 AND batch = $2 AND finished_at IS NULL RETURNING batch`,
        [runId, batch],
      );
      if (finished.length === 0) return false;
      await this.audit.append(audit, manager);
      return true;
    });
  }

  async finishRun(runId: string): Promise<void> {
    await this.runs.update(
      { id: runId, status: 'running' },
      { status: 'finished', finishedAt: new Date() },
    );
  }
}

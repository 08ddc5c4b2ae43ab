import {
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { CaseMigrationView, MigrateCaseInput } from '@schakel/contracts';
import {
  CaseMigrationRepository,
  CaseRepository,
  type MigrationPlanEntity,
  type MigrationRunEntity,
} from '@schakel/database';
import { actsFor, type AuthenticatedUser } from '@schakel/identity';
import type { ReferenceModel } from '@schakel/reference-model/engine';
import {
  editMapping,
  generateMapping,
  validateMapping,
  type MigrationProblem,
} from '@schakel/reference-model/migration';
import { actorOf } from '../cases/actor';
import { CaseWorkflowClient } from '../cases/case-workflow.client';
import { ModelSnapshots } from '../models/model-snapshots';
import { MigrationDriverClient } from './migration-driver.client';
import type {
  CaseMigrationDto,
  CreateMigrationPlanDto,
  DryRunDto,
  DryRunRequestDto,
  MigrationPlanDto,
  MigrationRunDetailDto,
  MigrationRunDto,
  StartMigrationRunDto,
} from './migration.dto';

/** The most cases one run takes; a larger chain migrates in several runs (by selection). */
const MAX_RUN_CASES = 50_000;
/** Dry-run queries in flight at once: each replays nothing but asks one running workflow. */
const DRY_RUN_CONCURRENCY = 8;

/**
 * The model owner's migration of running cases to a later version: plans (generated, edited,
 * validated, revised), dry runs that ask each case what would happen, and runs carried out by a
 * durable driver. Everything is scoped to chains the user owns the model of: another chain's plan
 * or run is a 404.
 */
@Injectable()
export class MigrationsService {
  private readonly logger = new Logger(MigrationsService.name);

  constructor(
    private readonly migrations: CaseMigrationRepository,
    private readonly cases: CaseRepository,
    private readonly snapshots: ModelSnapshots,
    private readonly workflows: CaseWorkflowClient,
    private readonly driver: MigrationDriverClient,
  ) {}

  async listPlans(chainId: string, user: AuthenticatedUser): Promise<MigrationPlanDto[]> {
    this.assertOwns(chainId, user);
    const plans = await this.migrations.listPlans(chainId);
    return Promise.all(plans.map((plan) => this.planDto(plan)));
  }

  async createPlan(
    chainId: string,
    body: CreateMigrationPlanDto,
    user: AuthenticatedUser,
  ): Promise<MigrationPlanDto> {
    this.assertOwns(chainId, user);
    if (body.toVersion <= body.fromVersion) {
      throw new UnprocessableEntityException({
        message: 'A plan moves cases to a later version',
        errors: [
          { field: 'toVersion', code: 'not-later', message: `must be after ${body.fromVersion}` },
        ],
      });
    }
    const [from, to] = await Promise.all([
      this.version(chainId, body.fromVersion, 'fromVersion'),
      this.version(chainId, body.toVersion, 'toVersion'),
    ]);
    const { fromVersion, toVersion, ...edits } = body;
    const mapping = editMapping(generateMapping(from, to), edits);
    const plan = await this.migrations.savePlan({
      chainId,
      fromVersion,
      toVersion,
      mapping,
      createdBy: user.id,
    });
    return this.planDto(plan);
  }

  async getPlan(
    chainId: string,
    planId: string,
    user: AuthenticatedUser,
  ): Promise<MigrationPlanDto> {
    return this.planDto(await this.plan(chainId, planId, user));
  }

  /** Asks each selected case what the plan would do to it now; nothing changes. */
  async dryRun(
    chainId: string,
    planId: string,
    body: DryRunRequestDto,
    user: AuthenticatedUser,
  ): Promise<DryRunDto> {
    const plan = await this.plan(chainId, planId, user);
    const { ids, total } = await this.migrations.selectCases(
      chainId,
      plan.fromVersion,
      body.selection ?? {},
      body.limit ?? 200,
    );
    const request = await this.request(plan, user, 'dry-run', 'Dry run');
    const [views, numbers] = await Promise.all([
      inBatches(ids, DRY_RUN_CONCURRENCY, (caseId) => this.preview(caseId, request)),
      this.cases.inboxLabels(ids),
    ]);
    const cases = views.map((view) =>
      caseMigrationDto(view, numbers.get(view.caseId)?.number ?? null),
    );
    const count = (outcome: string) => cases.filter((c) => c.outcome === outcome).length;
    return {
      planId,
      fromVersion: plan.fromVersion,
      toVersion: plan.toVersion,
      selected: total,
      summary: {
        migratable: count('migratable'),
        alreadyMigrated: count('already-migrated'),
        refused: count('refused'),
      },
      cases,
    };
  }

  /**
   * Starts a run of a valid plan over the selected cases: the cases and their batches are fixed
   * now, then the driver workflow takes over. A driver that cannot be started undoes the run.
   */
  async startRun(
    chainId: string,
    planId: string,
    body: StartMigrationRunDto,
    user: AuthenticatedUser,
  ): Promise<MigrationRunDto> {
    const plan = await this.plan(chainId, planId, user);
    const problems = await this.problems(plan);
    if (problems.length > 0) {
      throw new UnprocessableEntityException({
        message: `The plan has ${problems.length} problem(s); fix them in a new revision first`,
        errors: problems.map(({ path, code, message }) => ({ field: path, code, message })),
      });
    }
    const { ids } = await this.migrations.selectCases(
      chainId,
      plan.fromVersion,
      body.selection ?? {},
      MAX_RUN_CASES,
    );
    if (ids.length === 0) {
      throw new UnprocessableEntityException({
        message: `No open case on version ${plan.fromVersion} matches the selection`,
        errors: [{ field: 'selection', code: 'no-cases', message: 'selects no open case' }],
      });
    }
    const run = await this.migrations.startRun(
      {
        planId,
        chainId,
        fromVersion: plan.fromVersion,
        toVersion: plan.toVersion,
        reason: body.reason,
        startedBy: user.id,
        startedByRole: user.role,
        batchSize: body.batchSize ?? 25,
      },
      ids,
    );
    try {
      await this.driver.start({ runId: run.id, chainId });
    } catch (error) {
      await this.migrations.discardRun(run.id);
      this.logger.error(
        { runId: run.id, err: (error as Error).name },
        'Could not start a migration run',
      );
      throw new ServiceUnavailableException(
        'The case engine did not take the run; nothing changed, retry',
      );
    }
    return this.runDto(run);
  }

  async listRuns(chainId: string, user: AuthenticatedUser): Promise<MigrationRunDto[]> {
    this.assertOwns(chainId, user);
    const runs = await this.migrations.listRuns(chainId);
    return Promise.all(runs.map((run) => this.runDto(run)));
  }

  async getRun(
    chainId: string,
    runId: string,
    user: AuthenticatedUser,
  ): Promise<MigrationRunDetailDto> {
    this.assertOwns(chainId, user);
    const run = await this.migrations.findRun(chainId, runId);
    if (!run) throw new NotFoundException(`Chain '${chainId}' has no migration run ${runId}`);
    const [dto, rows] = await Promise.all([this.runDto(run), this.migrations.runCases(runId)]);
    const numbers = await this.cases.inboxLabels(rows.map((row) => row.caseId));
    return {
      ...dto,
      cases: rows.map((row) => ({
        caseId: row.caseId,
        batch: row.batch,
        outcome: row.outcome,
        settledAt: row.settledAt,
        detail: row.detail
          ? caseMigrationDto(row.detail, numbers.get(row.caseId)?.number ?? null)
          : null,
      })),
    };
  }

  private async preview(caseId: string, request: MigrateCaseInput): Promise<CaseMigrationView> {
    const view = await this.workflows.previewMigration(caseId, request);
    return (
      view ?? {
        caseId,
        outcome: 'refused',
        fromVersion: request.fromVersion,
        toVersion: request.toVersion,
        problems: [
          { code: 'case-ended', message: 'The case has ended; it has no workflow to migrate' },
        ],
        tasks: [],
      }
    );
  }

  private async request(
    plan: MigrationPlanEntity,
    user: AuthenticatedUser,
    migrationId: string,
    reason: string,
  ): Promise<MigrateCaseInput> {
    return {
      migrationId,
      fromVersion: plan.fromVersion,
      toVersion: plan.toVersion,
      model: await this.snapshots.get(plan.chainId, plan.toVersion),
      mapping: plan.mapping,
      actor: actorOf(user),
      reason,
    };
  }

  private async plan(chainId: string, planId: string, user: AuthenticatedUser) {
    this.assertOwns(chainId, user);
    const plan = await this.migrations.findPlan(chainId, planId);
    if (!plan) throw new NotFoundException(`Chain '${chainId}' has no migration plan ${planId}`);
    return plan;
  }

  private async problems(plan: MigrationPlanEntity): Promise<MigrationProblem[]> {
    const [from, to] = await Promise.all([
      this.snapshots.get(plan.chainId, plan.fromVersion),
      this.snapshots.get(plan.chainId, plan.toVersion),
    ]);
    return validateMapping(from, to, plan.mapping);
  }

  private async planDto(plan: MigrationPlanEntity): Promise<MigrationPlanDto> {
    const problems = await this.problems(plan);
    const { mapping, ...rest } = plan;
    return { ...rest, ...mapping, valid: problems.length === 0, problems };
  }

  private async runDto(run: MigrationRunEntity): Promise<MigrationRunDto> {
    const { startedByRole: _role, ...rest } = run;
    return { ...rest, progress: await this.migrations.progress(run.id) };
  }

  /** A version of the chain, as the field that named it: 422 when the chain has no such version. */
  private async version(chainId: string, version: number, field: string): Promise<ReferenceModel> {
    try {
      return await this.snapshots.get(chainId, version);
    } catch (error) {
      if (!(error instanceof NotFoundException)) throw error;
      throw new UnprocessableEntityException({
        message: `Chain '${chainId}' has no version ${version}`,
        errors: [{ field, code: 'unknown-version', message: `is not a published version` }],
      });
    }
  }

  /** Model owners act on their chains only; another chain's plans and runs are a 404. */
  private assertOwns(chainId: string, user: AuthenticatedUser): void {
    if (!actsFor(user, chainId, 'model-owner')) {
      throw new NotFoundException(`No published model for chain '${chainId}'`);
    }
  }
}

function caseMigrationDto(view: CaseMigrationView, caseNumber: number | null): CaseMigrationDto {
  return { ...view, caseNumber };
}

/** Runs `work` over the items, at most `size` at a time, keeping their order. */
async function inBatches<T, R>(
  items: T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  }
  return results;
}

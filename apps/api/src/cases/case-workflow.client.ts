import {
  ConflictException,
  ForbiddenException,
  HttpException,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { EnvironmentVariables } from '@schakel/config';
import {
  CASE_FAILURE,
  CASE_ID_ATTRIBUTE,
  CASE_WORKFLOW_TYPE,
  CHAIN_ID_ATTRIBUTE,
  caseActionsQuery,
  caseOpenedUpdate,
  caseWorkflowId,
  CURRENT_PARTNERS_ATTRIBUTE,
  migrationPreviewQuery,
  MODEL_VERSION_ATTRIBUTE,
  refusalOf,
  type ActionsRequest,
  type ActionVerdict,
  type CaseMigrationView,
  type CaseTransitionResult,
  type CaseWorkflowInput,
  type MigrateCaseInput,
} from '@schakel/contracts';

/**
 * The API's only door to the case workflows. Turns a refused Update (its validator threw a typed
 * ApplicationFailure) into the HTTP error it stands for.
 */
/** What a reader may do now; `actionsUnavailable` when the engine could not be asked in time. */
export interface OfferedActions {
  actions: ActionVerdict[];
  actionsUnavailable?: true;
}

@Injectable()
export class CaseWorkflowClient {
  constructor(
    private readonly temporal: Client,
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
  ) {}

  /**
   * Starts the case workflow (or finds it, for a retried intake) and waits for its first tasks.
   * Start and Update are separate calls (not update-with-start) so the same code runs on every
   * Temporal server, the time-skipping test server included.
   */
  open(input: CaseWorkflowInput): Promise<CaseTransitionResult> {
    return this.translate(async () => {
      const handle = await this.temporal.workflow.start(CASE_WORKFLOW_TYPE, {
        workflowId: caseWorkflowId(input.caseId),
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        // A case runs once: a retried intake of a case that already ended must not start it again.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: new TypedSearchAttributes([
          { key: CASE_ID_ATTRIBUTE, value: input.caseId },
          { key: CHAIN_ID_ATTRIBUTE, value: input.chainId },
          { key: MODEL_VERSION_ATTRIBUTE, value: input.modelVersion },
          { key: CURRENT_PARTNERS_ATTRIBUTE, value: [] },
        ]),
      });
      return this.withinDeadline(() => handle.executeUpdate(caseOpenedUpdate));
    });
  }

  /** The intake's result, for a retried intake whose case is already running. */
  opening(caseId: string): Promise<CaseTransitionResult> {
    const handle = this.temporal.workflow.getHandle(caseWorkflowId(caseId));
    return this.translate(() => this.withinDeadline(() => handle.executeUpdate(caseOpenedUpdate)));
  }

  /**
   * Sends an Update. The update id makes a retried request (same Idempotency-Key) return the first
   * result instead of acting twice.
   */
  update<Arg>(
    caseId: string,
    definition: UpdateDefinition<CaseTransitionResult, [Arg]>,
    arg: Arg,
    updateId?: string,
  ): Promise<CaseTransitionResult> {
    const handle = this.temporal.workflow.getHandle(caseWorkflowId(caseId));
    return this.translate(() =>
      this.withinDeadline(() => handle.executeUpdate(definition, { args: [arg], updateId })),
    );
  }

  /**
   * The actions the caller may take on the case now, as the case itself judges them. A case that
   * ended offers none (its workflow says so too), so the engine is not asked. Reading must not
   * depend on the engine: when it does not answer in time the resource is still shown, with no
   * actions and `actionsUnavailable` so the console can say why.
   */
  async actions(
    row: { id: string; status: string },
    request: ActionsRequest,
  ): Promise<OfferedActions> {
    if (row.status !== 'open') return { actions: [] };
    const handle = this.temporal.workflow.getHandle(caseWorkflowId(row.id));
    try {
      const actions = await this.translate(() =>
        this.withinDeadline(() => handle.query(caseActionsQuery, request)),
      );
      return { actions };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      return { actions: [], actionsUnavailable: true };
    }
  }

  /**
   * The dry run of a migration on one case: what its Update would do now. Null when the case has no
   * workflow (it ended after its row was read).
   */
  previewMigration(caseId: string, request: MigrateCaseInput): Promise<CaseMigrationView | null> {
    const handle = this.temporal.workflow.getHandle(caseWorkflowId(caseId));
    return this.translate(() =>
      this.withinDeadline(() => handle.query(migrationPreviewQuery, request)).catch(
        (error: unknown) => {
          if (error instanceof WorkflowNotFoundError) return null;
          throw error;
        },
      ),
    );
  }

  /**
   * No request waits on the engine without a bound: past UPDATE_DEADLINE_MS the call is abandoned
   * (503, Retry-After). The Update itself may still complete; its id makes the retry return that.
   */
  private withinDeadline<T>(call: () => Promise<T>): Promise<T> {
    return this.temporal.withDeadline(Date.now() + this.env.UPDATE_DEADLINE_MS, call);
  }

  private async translate<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toHttpError(error);
    }
  }
}

function toHttpError(error: unknown): Error {
  // The API found the case row first, so a missing workflow means the case has ended.
  if (error instanceof WorkflowNotFoundError) {
    return new ConflictException({
      message: 'The case has ended; it takes no more changes',
      code: 'case-closed',
    });
  }
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  if (!(cause instanceof ApplicationFailure)) {
    if (error instanceof HttpException) return error;
    // Engine errors may quote payloads: the caller gets a fixed sentence, the log the error type.
    return new ServiceUnavailableException(
      'The case engine did not answer in time; retry the same request (same Idempotency-Key)',
    );
  }
  const { code, problems } = refusalOf(cause);
  const body = { message: cause.message, code, errors: problems.length ? problems : undefined };
  switch (cause.type) {
    case CASE_FAILURE.notFound:
      return new NotFoundException(body);
    case CASE_FAILURE.forbidden:
      return new ForbiddenException(body);
    case CASE_FAILURE.conflict:
      return new ConflictException(body);
    case CASE_FAILURE.unprocessable:
    case CASE_FAILURE.notRecordable:
      return new UnprocessableEntityException(body);
    default:
      return new ServiceUnavailableException(`The case engine failed: ${cause.message}`);
  }
}

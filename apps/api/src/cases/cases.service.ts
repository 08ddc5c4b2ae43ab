import { randomUUID } from 'node:crypto';
import {
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { EnvironmentVariables, extraHolidays } from '@schakel/config';
import { cancelCaseUpdate } from '@schakel/contracts';
import {
  CaseEventRepository,
  CaseRepository,
  TaskRepository,
  type CaseEntity,
} from '@schakel/database';
import {
  actsFor,
  hasRole,
  readerOf,
  type AuthenticatedUser,
  type ChainRole,
} from '@schakel/identity';
import { validateIntake } from '@schakel/reference-model/engine';
import { ModelSnapshots } from '../models/model-snapshots';
import { ModelsService } from '../models/models.service';
import { actorOf, updateIdOf } from './actor';
import { looksLikeBsn } from './bsn';
import type {
  AddNoteDto,
  CaseDto,
  CasePageDto,
  CaseSearchDto,
  OpenCaseDto,
  OpenedCaseDto,
  TimelineEntryDto,
  TransitionDto,
} from './case.dto';
import { caseSummary, caseView, timelineEntry } from './case-views';
import { CaseWorkflowClient } from './case-workflow.client';
import { NeedToKnow } from './need-to-know';

@Injectable()
export class CasesService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly tasks: TaskRepository,
    private readonly events: CaseEventRepository,
    private readonly models: ModelsService,
    private readonly snapshots: ModelSnapshots,
    private readonly workflows: CaseWorkflowClient,
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
  ) {}

  /**
   * Intake: checked completely before anything is stored; with an Idempotency-Key a retry returns
   * the case the first attempt opened (and finishes starting it, if that attempt was cut off).
   */
  async open(
    request: OpenCaseDto,
    user: AuthenticatedUser,
    idempotencyKey?: string,
  ): Promise<OpenedCaseDto> {
    if (idempotencyKey) {
      const existing = await this.cases.findByIdempotencyKey(user.id, idempotencyKey);
      if (existing) return this.resume(existing, user);
    }
    const version = await this.models.currentVersion(request.chainId, user);
    const model = version.document;
    const asPartner =
      hasRole(user, 'caseworker') &&
      model.partners.some((partner) => partner.id === user.organisationId);
    if (!asPartner && !actsFor(user, request.chainId, 'regisseur')) {
      throw new NotFoundException(`No published model for chain '${request.chainId}'`);
    }
    const problems: { field: string; code: string; message: string }[] = validateIntake(
      model,
      request.category,
      request.data,
    ).map((problem) => ({
      field: problem.code === 'unknown-category' ? 'category' : `data.${problem.field}`,
      code: problem.code,
      message: problem.message,
    }));
    if (looksLikeBsn(request.clientReference)) {
      problems.push({
        field: 'clientReference',
        code: 'bsn-not-allowed',
        message: 'looks like a BSN; use the chain pseudonym instead',
      });
    }
    if (problems.length) {
      throw new UnprocessableEntityException({
        message: 'The intake is not complete or not valid',
        errors: problems,
      });
    }
    const category = model.intake.categories.find((candidate) => candidate.id === request.category);
    const row = {
      id: randomUUID(),
      chainId: version.chainId,
      modelVersion: version.version,
      category: request.category,
      intensity: request.intensity ?? category?.intensity ?? 'coordinate',
      clientQuestion: request.clientQuestion,
      clientReference: request.clientReference,
      data: request.data,
      openedBy: user.id,
      openedByOrganisation: user.organisationId,
      idempotencyKey: idempotencyKey ?? null,
    };
    if (!(await this.cases.insert(row)) && idempotencyKey) {
      // A concurrent retry with the same key won the insert: answer with its case.
      return this.resume(
        (await this.cases.findByIdempotencyKey(user.id, idempotencyKey)) as CaseEntity,
        user,
      );
    }
    const stored = (await this.cases.findForReader(row.id, { organisationId: null })) as CaseEntity;
    return this.resume(stored, user);
  }

  async list(user: AuthenticatedUser, search: CaseSearchDto): Promise<CasePageDto> {
    const [rows, total] = await this.cases.search(readerOf(user), search);
    return { items: rows.map(caseSummary), total };
  }

  async get(id: string, user: AuthenticatedUser): Promise<CaseDto> {
    const { row, tasks, access } = await this.readable(id, user);
    return caseView(row, tasks, access);
  }

  async timeline(id: string, user: AuthenticatedUser): Promise<TimelineEntryDto[]> {
    const { access } = await this.readable(id, user);
    const events = await this.events.timeline(id);
    return events.map((event) => timelineEntry(event, access));
  }

  async addNote(id: string, note: AddNoteDto, user: AuthenticatedUser): Promise<TimelineEntryDto> {
    const { access } = await this.readable(id, user);
    if (!access.seesContent) {
      throw new ForbiddenException(
        'Notes are case content: only caseworkers of an involved organisation add them',
      );
    }
    const event = await this.events.addNote({
      eventId: `note:${randomUUID()}`,
      caseId: id,
      actorId: user.id,
      actorRole: user.role,
      actorOrganisation: user.organisationId,
      taskKey: note.taskKey ?? null,
      text: note.text,
    });
    return timelineEntry(event, access);
  }

  async cancel(
    id: string,
    reason: string,
    user: AuthenticatedUser,
    idempotencyKey?: string,
  ): Promise<TransitionDto> {
    // Cancelling is the regisseur's: another chain's case is a 404 even to its operations analyst.
    await this.readable(id, user, 'regisseur');
    return this.workflows.update(
      id,
      cancelCaseUpdate,
      { actor: actorOf(user), reason },
      updateIdOf(user, idempotencyKey),
    );
  }

  private async resume(row: CaseEntity, user: AuthenticatedUser): Promise<OpenedCaseDto> {
    if (row.status !== 'open') {
      return {
        case: await this.get(row.id, user),
        transition: { opened: [], closed: [], status: row.status },
      };
    }
    const model = await this.snapshots.get(row.chainId, row.modelVersion);
    const transition = await this.workflows.open({
      caseId: row.id,
      chainId: row.chainId,
      modelVersion: row.modelVersion,
      model,
      category: row.category,
      intensity: row.intensity as OpenCaseDto['intensity'] & string,
      data: row.data,
      openedBy: actorOf(user),
      historyLimit: this.env.CASE_HISTORY_LIMIT,
      warningFraction: this.env.NORM_WARNING_FRACTION,
      extraHolidays: extraHolidays(this.env),
    });
    return { case: await this.get(row.id, user), transition };
  }

  /** The case with what this reader may see of it; 404 (not 403) when they may not know it exists. */
  private async readable(id: string, user: AuthenticatedUser, ...roles: ChainRole[]) {
    const row = await this.cases.findForReader(id, readerOf(user, ...roles));
    if (!row)
      throw new NotFoundException(
        `Case ${id} does not exist or is not shared with your organisation`,
      );
    const [tasks, model] = await Promise.all([
      this.tasks.findByCase(id),
      this.snapshots.get(row.chainId, row.modelVersion),
    ]);
    return { row, tasks, access: new NeedToKnow(user, model, tasks, row.openedByOrganisation) };
  }
}

import { randomUUID } from 'node:crypto';
import { v5 as uuidV5 } from 'uuid';
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

/** Fixed namespace for case ids derived from a caller's Idempotency-Key (RFC 9562 name-based ids). */
const INTAKE_NAMESPACE = '6f1d3c1e-8a52-4a8e-9d0b-3c6f0a9b2e71';
const intakeCaseId = (userId: string, key: string): string =>
  uuidV5(`${userId}:${key}`, INTAKE_NAMESPACE);

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
    // Start first: the workflow's first projection writes the case row, so a failed start leaves
    // nothing behind. A retried intake derives the same case id, so it finds the same workflow.
    const caseId = idempotencyKey ? intakeCaseId(user.id, idempotencyKey) : randomUUID();
    const transition = await this.workflows.open({
      caseId,
      chainId: version.chainId,
      modelVersion: version.version,
      model: await this.snapshots.get(version.chainId, version.version),
      category: request.category,
      intensity: request.intensity ?? category?.intensity ?? 'coordinate',
      data: request.data,
      openedBy: actorOf(user),
      intake: {
        clientQuestion: request.clientQuestion,
        clientReference: request.clientReference,
        idempotencyKey: idempotencyKey ?? null,
      },
      historyLimit: this.env.CASE_HISTORY_LIMIT,
      warningFraction: this.env.NORM_WARNING_FRACTION,
      extraHolidays: extraHolidays(this.env),
      notifyFollowsWork: true,
      enforcesCaseNorm: true,
    });
    return { case: await this.get(caseId, user), transition };
  }

  async list(user: AuthenticatedUser, search: CaseSearchDto): Promise<CasePageDto> {
    const [rows, total] = await this.cases.search(readerOf(user), search);
    const open = await this.tasks.findOpenByCases(rows.map((row) => row.id));
    const items = await Promise.all(
      rows.map(async (row) => {
        const tasks = open.filter((task) => task.caseId === row.id);
        const model = await this.snapshots.get(row.chainId, row.modelVersion);
        const access = new NeedToKnow(user, model, tasks, row.openedByOrganisation);
        return {
          ...caseSummary(row),
          currentPartners: access.currentPartners(tasks, row.currentPartners),
        };
      }),
    );
    return { items, total };
  }

  async get(id: string, user: AuthenticatedUser): Promise<CaseDto> {
    const { row, tasks, access } = await this.readable(id, user);
    // The regisseur's interventions; other readers act on their own task's page, or not at all.
    const offered =
      user.role === 'regisseur'
        ? await this.workflows.actions(row, {
            actor: actorOf(user),
            taskKeys: tasks.map((task) => task.taskKey),
            caseLevel: true,
          })
        : { actions: [] };
    return { ...caseView(row, tasks, access), ...offered };
  }

  /** The case as this reader may see it, without asking the engine what they may do. */
  async view(id: string, user: AuthenticatedUser): Promise<Omit<CaseDto, 'actions'>> {
    const { row, tasks, access } = await this.readable(id, user);
    return caseView(row, tasks, access);
  }

  async timeline(id: string, user: AuthenticatedUser): Promise<TimelineEntryDto[]> {
    const { access } = await this.readable(id, user);
    const events = await this.events.timeline(id);
    return events
      .map((event) => timelineEntry(event, access))
      .filter((entry): entry is TimelineEntryDto => entry !== null);
  }

  /** A note is read by the author's organisation and the partners of the case it is shared with. */
  async addNote(id: string, note: AddNoteDto, user: AuthenticatedUser): Promise<TimelineEntryDto> {
    const { row, tasks, access } = await this.readable(id, user);
    if (!access.seesContent) {
      throw new ForbiddenException(
        'Notes are case content: only caseworkers of an involved organisation add them',
      );
    }
    // Only partners this author can see in the case: naming a hidden one must not confirm it.
    const partners = new Set([
      ...tasks
        .filter((task) => !access.hidesStep(task.stepId, task.partnerId))
        .map((task) => task.partnerId),
      ...(row.openedByOrganisation ? [row.openedByOrganisation] : []),
    ]);
    const strangers = (note.sharedWith ?? []).filter((partner) => !partners.has(partner));
    if (strangers.length) {
      throw new UnprocessableEntityException({
        message: 'A note can only be shared with partners of the case',
        errors: [
          {
            field: 'sharedWith',
            code: 'not-a-case-partner',
            message: `not a partner of this case: ${strangers.join(', ')}`,
          },
        ],
      });
    }
    const event = await this.events.addNote({
      eventId: `note:${randomUUID()}`,
      caseId: id,
      actorId: user.id,
      actorRole: user.role,
      actorOrganisation: user.organisationId,
      taskKey: note.taskKey ?? null,
      text: note.text,
      audience: {
        organisations: [...new Set([user.organisationId as string, ...(note.sharedWith ?? [])])],
        regisseur: false,
      },
    });
    return timelineEntry(event, access) as TimelineEntryDto;
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

  /** A retried intake: the case its first attempt opened, with that attempt's first tasks. */
  private async resume(row: CaseEntity, user: AuthenticatedUser): Promise<OpenedCaseDto> {
    const transition =
      row.status === 'open'
        ? await this.workflows.opening(row.id)
        : { opened: [], closed: [], status: row.status };
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
    const earlier = await this.snapshots.earlier(row.chainId, row.modelVersion, tasks);
    return {
      row,
      tasks,
      access: new NeedToKnow(user, model, tasks, row.openedByOrganisation, earlier),
    };
  }
}

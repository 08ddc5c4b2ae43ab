import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  ModelRepository,
  OrganisationRepository,
  type ModelDraftEntity,
  type ModelVersionEntity,
} from '@schakel/database';
import { actsFor, chainsFor, readerOf, type AuthenticatedUser } from '@schakel/identity';
import {
  diffModels,
  toBpmnXml,
  toJson,
  toYaml,
  type ModelDiff,
  type ModelProblem,
  type ReferenceModel,
} from '@schakel/reference-model';
import type { ChainModelsDto, DraftDto, ModelVersionDto, ValidationReportDto } from './model.dto';
import { readModelDocument, type ModelDocument } from './model-document';

type Readable = Extract<ModelDocument, { kind: 'readable' }>;

export interface ModelRepresentation {
  contentType: string;
  body: string;
}

/** Model owners' lifecycle: draft → validate → publish as immutable version N → retire. */
@Injectable()
export class ModelsService {
  constructor(
    private readonly models: ModelRepository,
    private readonly organisations: OrganisationRepository,
  ) {}

  /** Validates without storing anything (for an editor or an upload preview). */
  check(body: unknown, contentType: string | undefined): ValidationReportDto {
    const document = readModelDocument(body, contentType);
    return { valid: document.problems.length === 0, problems: document.problems };
  }

  async createDraft(
    body: unknown,
    contentType: string | undefined,
    user: AuthenticatedUser,
  ): Promise<DraftDto> {
    const document = this.readable(body, contentType);
    const chainId = document.model.chain.id;
    if (!actsFor(user, chainId, 'model-owner')) {
      throw new ForbiddenException(`You are not a model owner of chain '${chainId}'`);
    }
    const basedOn = await this.models.findLatestPublished(chainId, { organisationId: null });
    const inserted = await this.models.insertDraft({
      chainId,
      document: document.model,
      source: document.source,
      sourceFormat: document.format,
      basedOnVersion: basedOn?.version ?? null,
      updatedBy: user.id,
    });
    if (!inserted) {
      throw new ConflictException(
        `Chain '${chainId}' already has a draft; replace it with PUT /models/drafts/${chainId} or delete it first`,
      );
    }
    return this.draftDto(
      (await this.models.findDraft(chainId)) as ModelDraftEntity,
      document.problems,
    );
  }

  async replaceDraft(
    chainId: string,
    body: unknown,
    contentType: string | undefined,
    user: AuthenticatedUser,
  ): Promise<DraftDto> {
    const existing = await this.draft(chainId, user);
    const document = this.readable(body, contentType);
    if (document.model.chain.id !== chainId) {
      throw new UnprocessableEntityException({
        message: `The document is for chain '${document.model.chain.id}', not '${chainId}'`,
        errors: [{ code: 'invalid-value', path: '/chain/id', message: `must be '${chainId}'` }],
      });
    }
    const saved = await this.models.saveDraft({
      chainId,
      document: document.model,
      source: document.source,
      sourceFormat: document.format,
      basedOnVersion: existing.basedOnVersion,
      updatedBy: user.id,
    });
    return this.draftDto(saved, document.problems);
  }

  async listDrafts(user: AuthenticatedUser): Promise<DraftDto[]> {
    const drafts = await this.models.listDrafts(chainsFor(user, 'model-owner'));
    return drafts.map((draft) => this.draftDto(draft, this.problemsOf(draft)));
  }

  async getDraft(chainId: string, user: AuthenticatedUser): Promise<DraftDto> {
    const draft = await this.draft(chainId, user);
    return this.draftDto(draft, this.problemsOf(draft));
  }

  async draftSource(
    chainId: string,
    accept: string | undefined,
    user: AuthenticatedUser,
  ): Promise<ModelRepresentation> {
    const draft = await this.draft(chainId, user);
    return represent(draft.document, draft.source, draft.sourceFormat, accept);
  }

  async validateDraft(chainId: string, user: AuthenticatedUser): Promise<ValidationReportDto> {
    const problems = this.problemsOf(await this.draft(chainId, user));
    return { valid: problems.length === 0, problems };
  }

  async deleteDraft(chainId: string, user: AuthenticatedUser): Promise<void> {
    assertOwns(user, chainId);
    if (!(await this.models.deleteDraft(chainId))) throw draftNotFound(chainId);
  }

  /**
   * Freezes the draft as the chain's next version. The model's partners become known organisations,
   * so their caseworkers can be given tasks.
   */
  async publish(chainId: string, user: AuthenticatedUser): Promise<ModelVersionDto> {
    const draft = await this.draft(chainId, user);
    const problems = this.problemsOf(draft);
    if (problems.length > 0) {
      throw new UnprocessableEntityException({
        message: `The draft of '${chainId}' has ${problems.length} problem(s); fix them before publishing`,
        errors: problems,
      });
    }
    const model = draft.document;
    for (const partner of model.partners) {
      await this.organisations.insertIfMissing({ id: partner.id, name: partner.name });
    }
    const version = await this.models.publish({
      chainId,
      chainName: model.chain.name,
      document: model,
      source: draft.source,
      sourceFormat: draft.sourceFormat,
      partnerIds: model.partners.map((partner) => partner.id),
      publishedBy: user.id,
    });
    return versionDto(version);
  }

  async listChains(user: AuthenticatedUser): Promise<ChainModelsDto[]> {
    const versions = await this.models.listAllVersions(readerOf(user));
    const chains = new Map<string, ChainModelsDto>();
    for (const version of versions) {
      const chain = chains.get(version.chainId) ?? {
        chainId: version.chainId,
        chainName: version.chainName,
        currentVersion: null,
        versions: [],
      };
      if (chain.currentVersion === null && version.status === 'published')
        chain.currentVersion = version.version;
      chain.versions.push(versionDto(version));
      chains.set(version.chainId, chain);
    }
    return [...chains.values()];
  }

  async listVersions(chainId: string, user: AuthenticatedUser): Promise<ModelVersionDto[]> {
    const versions = await this.models.listVersions(chainId, readerOf(user));
    if (versions.length === 0)
      throw new NotFoundException(`No published model for chain '${chainId}'`);
    return versions.map(versionDto);
  }

  async versionSource(
    chainId: string,
    version: number,
    accept: string | undefined,
    user: AuthenticatedUser,
  ): Promise<ModelRepresentation> {
    const found = await this.version(chainId, version, user);
    return represent(found.document, found.source, found.sourceFormat, accept);
  }

  async bpmn(chainId: string, version: number, user: AuthenticatedUser): Promise<string> {
    return toBpmnXml((await this.version(chainId, version, user)).document);
  }

  async diff(
    chainId: string,
    from: number,
    to: number,
    user: AuthenticatedUser,
  ): Promise<ModelDiff> {
    const [a, b] = await Promise.all([
      this.version(chainId, from, user),
      this.version(chainId, to, user),
    ]);
    return diffModels(a.document, b.document);
  }

  async retire(
    chainId: string,
    version: number,
    reason: string,
    user: AuthenticatedUser,
  ): Promise<ModelVersionDto> {
    assertOwns(user, chainId);
    const found = await this.version(chainId, version, user);
    if (!(await this.models.retire(chainId, version, user.id, reason))) {
      throw new ConflictException(`Version ${version} of '${chainId}' is already ${found.status}`);
    }
    return versionDto(await this.version(chainId, version, user));
  }

  /** The version a new case of this chain starts on. */
  async currentVersion(chainId: string, user: AuthenticatedUser): Promise<ModelVersionEntity> {
    const found = await this.models.findLatestPublished(chainId, readerOf(user));
    if (!found) throw new NotFoundException(`No published model for chain '${chainId}'`);
    return found;
  }

  private async version(
    chainId: string,
    version: number,
    user: AuthenticatedUser,
  ): Promise<ModelVersionEntity> {
    const found = await this.models.findVersion(chainId, version, readerOf(user));
    if (!found) throw new NotFoundException(`Chain '${chainId}' has no version ${version}`);
    return found;
  }

  private async draft(chainId: string, user: AuthenticatedUser): Promise<ModelDraftEntity> {
    assertOwns(user, chainId);
    const draft = await this.models.findDraft(chainId);
    if (!draft) throw draftNotFound(chainId);
    return draft;
  }

  /** Re-reads the stored source, so problems keep their line numbers. */
  private problemsOf(draft: ModelDraftEntity): ModelProblem[] {
    const contentType = draft.sourceFormat === 'json' ? 'application/json' : 'application/yaml';
    return readModelDocument(draft.source, contentType).problems;
  }

  private readable(body: unknown, contentType: string | undefined): Readable {
    if (
      body === undefined ||
      body === null ||
      body === '' ||
      (typeof body === 'object' && !Object.keys(body).length)
    ) {
      throw new BadRequestException('Send the model as YAML or JSON in the request body');
    }
    const document = readModelDocument(body, contentType);
    if (document.kind === 'unreadable') {
      throw new BadRequestException({
        message: `The model cannot be read: ${document.problems.map((p) => p.message).join('; ')}`,
        errors: document.problems,
      });
    }
    if (document.kind === 'malformed') {
      throw new UnprocessableEntityException({
        message: `The model does not have the reference-model format (${document.problems.length} problem(s))`,
        errors: document.problems,
      });
    }
    return document;
  }

  private draftDto(draft: ModelDraftEntity, problems: ModelProblem[]): DraftDto {
    return {
      chainId: draft.chainId,
      chainName: draft.document.chain.name,
      sourceFormat: draft.sourceFormat,
      basedOnVersion: draft.basedOnVersion,
      updatedAt: draft.updatedAt,
      valid: problems.length === 0,
      problems,
    };
  }
}

/** Model owners act on their chains' drafts and versions only; another chain's draft is a 404. */
function assertOwns(user: AuthenticatedUser, chainId: string): void {
  if (!actsFor(user, chainId, 'model-owner')) throw draftNotFound(chainId);
}

function draftNotFound(chainId: string): NotFoundException {
  return new NotFoundException(`Chain '${chainId}' has no draft`);
}

function versionDto(version: ModelVersionEntity): ModelVersionDto {
  return {
    chainId: version.chainId,
    version: version.version,
    chainName: version.chainName,
    partnerIds: version.partnerIds,
    status: version.status,
    publishedAt: version.publishedAt,
    publishedBy: version.publishedBy,
    retiredAt: version.retiredAt,
    retireReason: version.retireReason,
  };
}

/** YAML or JSON by the Accept header; the owner's own text when it is in the asked format. */
function represent(
  model: ReferenceModel,
  source: string,
  sourceFormat: 'yaml' | 'json',
  accept: string | undefined,
): ModelRepresentation {
  const wantsYaml = /yaml/.test(accept ?? '');
  if (wantsYaml)
    return {
      contentType: 'application/yaml',
      body: sourceFormat === 'yaml' ? source : toYaml(model),
    };
  return {
    contentType: 'application/json',
    body: sourceFormat === 'json' ? source : toJson(model),
  };
}

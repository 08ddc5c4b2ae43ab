import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiQuery,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@schakel/identity';
import { ApiMediaResponse, PositiveIntPipe } from '@schakel/http';
import type { ModelDiff } from '@schakel/reference-model';
import {
  ChainModelsDto,
  DraftDto,
  MODEL_BODY_DESCRIPTION,
  ModelDiffDto,
  ModelVersionDto,
  RetireVersionDto,
  ValidationReportDto,
} from './model.dto';
import { MODEL_CONTENT_TYPES } from './model-body.middleware';
import { ModelsService, type ModelRepresentation } from './models.service';

/** A model document as the Accept header asks: the parsed model (JSON) or its YAML text. */
const ModelDocumentResponse = () =>
  ApiOkResponse({
    description: 'The model document',
    content: {
      'application/json': { schema: { type: 'object', additionalProperties: true } },
      'application/yaml': { schema: { type: 'string' } },
    },
  });

const MODEL_BODY = {
  description: MODEL_BODY_DESCRIPTION,
  schema: { type: 'string' as const },
};

/** A model document in the body: its content types and the answers to one too large or of another type. */
const ModelBody = () =>
  applyDecorators(
    ApiConsumes(...MODEL_CONTENT_TYPES),
    ApiBody(MODEL_BODY),
    ApiPayloadTooLargeResponse({ description: 'The document is over 1 MiB (raw bytes, as sent)' }),
    ApiUnsupportedMediaTypeResponse({ description: 'Not YAML, JSON or plain text' }),
  );

function send(response: Response, representation: ModelRepresentation): string {
  response.type(representation.contentType);
  return representation.body;
}

@ApiTags('reference models')
@ApiBearerAuth()
@Controller('models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Chains with their published versions (caseworkers: the chains their organisation is in)',
  })
  @ApiOkResponse({ type: [ChainModelsDto] })
  list(@CurrentUser() user: AuthenticatedUser): Promise<ChainModelsDto[]> {
    return this.models.listChains(user);
  }

  @Post('validate')
  @Roles('model-owner')
  @HttpCode(200)
  @ModelBody()
  @ApiOperation({ summary: 'Validate a model document without storing it: every problem, located' })
  @ApiOkResponse({ type: ValidationReportDto })
  check(@Body() body: unknown, @Headers('content-type') contentType?: string): ValidationReportDto {
    return this.models.check(body, contentType);
  }

  @Get('drafts')
  @Roles('model-owner')
  @ApiOperation({ summary: 'All drafts with their validation state' })
  @ApiOkResponse({ type: [DraftDto] })
  listDrafts(@CurrentUser() user: AuthenticatedUser): Promise<DraftDto[]> {
    return this.models.listDrafts(user);
  }

  @Post('drafts')
  @Roles('model-owner')
  @ModelBody()
  @ApiOperation({
    summary:
      'Create the draft of a chain (409 when it has one); a draft may still have semantic problems',
  })
  @ApiCreatedResponse({ type: DraftDto })
  @ApiConflictResponse({ description: 'The chain has a draft already' })
  createDraft(
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('content-type') contentType?: string,
  ): Promise<DraftDto> {
    return this.models.createDraft(body, contentType, user);
  }

  @Get('drafts/:chainId')
  @Roles('model-owner')
  @ApiOperation({ summary: 'A draft with its problems' })
  @ApiOkResponse({ type: DraftDto })
  getDraft(
    @Param('chainId') chainId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DraftDto> {
    return this.models.getDraft(chainId, user);
  }

  @Get('drafts/:chainId/document')
  @Roles('model-owner')
  @ApiOperation({ summary: "The draft's document, YAML or JSON by the Accept header" })
  @ModelDocumentResponse()
  async draftDocument(
    @Param('chainId') chainId: string,
    @Res({ passthrough: true }) response: Response,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('accept') accept?: string,
  ): Promise<string> {
    return send(response, await this.models.draftSource(chainId, accept, user));
  }

  @Put('drafts/:chainId')
  @Roles('model-owner')
  @ModelBody()
  @ApiOperation({ summary: 'Replace a draft' })
  @ApiOkResponse({ type: DraftDto })
  replaceDraft(
    @Param('chainId') chainId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('content-type') contentType?: string,
  ): Promise<DraftDto> {
    return this.models.replaceDraft(chainId, body, contentType, user);
  }

  @Delete('drafts/:chainId')
  @Roles('model-owner')
  @HttpCode(204)
  @ApiOperation({ summary: 'Discard a draft' })
  deleteDraft(
    @Param('chainId') chainId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    return this.models.deleteDraft(chainId, user);
  }

  @Post('drafts/:chainId/validate')
  @Roles('model-owner')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Every problem of the draft, each with a JSON pointer, line, code and message',
  })
  @ApiOkResponse({ type: ValidationReportDto })
  validateDraft(
    @Param('chainId') chainId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ValidationReportDto> {
    return this.models.validateDraft(chainId, user);
  }

  @Post('drafts/:chainId/publish')
  @Roles('model-owner')
  @ApiOperation({
    summary: 'Freeze the draft as the next immutable version (422 with the problems if invalid)',
  })
  @ApiOkResponse({ type: ModelVersionDto })
  publish(
    @Param('chainId') chainId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ModelVersionDto> {
    return this.models.publish(chainId, user);
  }

  @Get(':chainId/versions')
  @ApiOperation({ summary: 'Versions of a chain, newest first' })
  @ApiOkResponse({ type: [ModelVersionDto] })
  versions(
    @Param('chainId') chainId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ModelVersionDto[]> {
    return this.models.listVersions(chainId, user);
  }

  @Get(':chainId/versions/:version')
  @ApiOperation({ summary: 'A published version, JSON or YAML by the Accept header' })
  @ModelDocumentResponse()
  async version(
    @Param('chainId') chainId: string,
    @Param('version', new PositiveIntPipe('version')) version: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
    @Headers('accept') accept?: string,
  ): Promise<string> {
    return send(response, await this.models.versionSource(chainId, version, accept, user));
  }

  @Get(':chainId/versions/:version/bpmn')
  @ApiOperation({
    summary: 'BPMN 2.0 collaboration XML with diagram interchange, a lane per partner',
  })
  @ApiMediaResponse('application/xml', 'The BPMN 2.0 XML, as an attachment')
  async bpmn(
    @Param('chainId') chainId: string,
    @Param('version', new PositiveIntPipe('version')) version: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const xml = await this.models.bpmn(chainId, version, user);
    response.type('application/xml');
    response.setHeader('Content-Disposition', `attachment; filename="${chainId}-v${version}.bpmn"`);
    return xml;
  }

  @Get(':chainId/diff')
  @ApiQuery({ name: 'from', type: Number })
  @ApiQuery({ name: 'to', type: Number })
  @ApiOperation({
    summary: 'Steps, routes and norms added, removed or changed between two versions',
  })
  @ApiOkResponse({ type: ModelDiffDto })
  diff(
    @Param('chainId') chainId: string,
    @Query('from', new PositiveIntPipe('from')) from: number,
    @Query('to', new PositiveIntPipe('to')) to: number,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ModelDiff> {
    return this.models.diff(chainId, from, to, user);
  }

  @Post(':chainId/versions/:version/retire')
  @Roles('model-owner')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a version: no new cases start on it; running cases keep it' })
  @ApiOkResponse({ type: ModelVersionDto })
  @ApiConflictResponse({ description: 'The version is retired already' })
  retire(
    @Param('chainId') chainId: string,
    @Param('version', new PositiveIntPipe('version')) version: number,
    @Body() body: RetireVersionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ModelVersionDto> {
    return this.models.retire(chainId, version, body.reason, user);
  }
}

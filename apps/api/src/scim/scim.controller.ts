import {
  All,
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiMediaResponse } from '@schakel/http';
import { Public } from '@schakel/identity';
import { ScimAuthGuard } from './scim-auth.guard';
import { CurrentScimCaller, ScimBaseUrl, type ScimCaller } from './scim-caller';
import { ScimError } from './scim-error';
import { SCIM_CONTENT_TYPE, ScimExceptionFilter } from './scim-exception.filter';
import { project } from './scim-attributes';
import { parseUserFilter } from './scim-filter';
import { listResponse, resourceTypes, serviceProviderConfig, userSchemas } from './scim-schemas';
import { ScimUsersService } from './scim-users.service';

/** A SCIM resource or list answer (RFC 7643 schemas, declared under /scim/v2/Schemas). */
const ScimResponse = (status = 200) =>
  applyDecorators(
    Header('Content-Type', SCIM_CONTENT_TYPE),
    ApiMediaResponse(
      SCIM_CONTENT_TYPE,
      'A SCIM resource (RFC 7643)',
      { type: 'object', additionalProperties: true },
      status,
    ),
  );

const positive = (value: string | undefined, fallback: number): number => {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) ? parsed : fallback;
};

/** SCIM 2.0 (RFC 7643/7644) for the partners' identity providers; its own auth and error bodies. */
@ApiTags('scim (RFC 7644)')
@ApiBearerAuth()
@Public()
@UseGuards(ScimAuthGuard)
@UseFilters(ScimExceptionFilter)
@Controller('scim/v2')
export class ScimController {
  constructor(private readonly users: ScimUsersService) {}

  @Get('ServiceProviderConfig')
  @ScimResponse()
  @ApiOperation({ summary: 'What this SCIM server supports (PATCH, filter; no bulk, sort, ETags)' })
  config(@ScimBaseUrl() base: string) {
    return serviceProviderConfig(base);
  }

  @Get('ResourceTypes')
  @ScimResponse()
  @ApiOperation({ summary: 'The User resource type, with the Schakel extension' })
  resourceTypes(@ScimBaseUrl() base: string) {
    const types = resourceTypes(base);
    return listResponse(types, types.length, 1);
  }

  @Get('ResourceTypes/:id')
  @ScimResponse()
  resourceType(@Param('id') id: string, @ScimBaseUrl() base: string) {
    const found = resourceTypes(base).find((type) => type.id === id);
    if (!found) throw new ScimError(404, `Resource type ${id} not found`);
    return found;
  }

  @Get('Schemas')
  @ScimResponse()
  @ApiOperation({
    summary: 'The User schema and the Schakel extension (organisationId, roles)',
  })
  async schemas(@CurrentScimCaller() caller: ScimCaller, @ScimBaseUrl() base: string) {
    const schemas = userSchemas(base, await this.users.choices(caller));
    return listResponse(schemas, schemas.length, 1);
  }

  @Get('Schemas/:id')
  @ScimResponse()
  async schema(
    @Param('id') id: string,
    @CurrentScimCaller() caller: ScimCaller,
    @ScimBaseUrl() base: string,
  ) {
    const found = userSchemas(base, await this.users.choices(caller)).find(
      (schema) => schema.id === id,
    );
    if (!found) throw new ScimError(404, `Schema ${id} not found`);
    return found;
  }

  @Get('Users')
  @ScimResponse()
  @ApiOperation({ summary: 'People, optionally filter=userName eq "…", paged by startIndex/count' })
  async list(
    @CurrentScimCaller() caller: ScimCaller,
    @ScimBaseUrl() base: string,
    @Query('filter') filter?: string,
    @Query('startIndex') startIndex?: string,
    @Query('count') count?: string,
    @Query('attributes') attributes?: string,
    @Query('excludedAttributes') excludedAttributes?: string,
  ) {
    const page = await this.users.list(
      caller,
      parseUserFilter(filter),
      positive(startIndex, 1),
      positive(count, 100),
      base,
    );
    return {
      ...page,
      Resources: page.Resources.map((user) => project(user, attributes, excludedAttributes)),
    };
  }

  @Post('Users')
  @ScimResponse(201)
  @ApiOperation({ summary: 'Provision a person (409 uniqueness when the userName is taken)' })
  create(
    @Body() body: unknown,
    @CurrentScimCaller() caller: ScimCaller,
    @ScimBaseUrl() base: string,
  ) {
    return this.users.create(caller, body, base);
  }

  @Get('Users/:id')
  @ScimResponse()
  async get(
    @Param('id') id: string,
    @CurrentScimCaller() caller: ScimCaller,
    @ScimBaseUrl() base: string,
    @Query('attributes') attributes?: string,
    @Query('excludedAttributes') excludedAttributes?: string,
  ) {
    return project(await this.users.get(caller, id, base), attributes, excludedAttributes);
  }

  @Put('Users/:id')
  @ScimResponse()
  @ApiOperation({ summary: 'Replace a person: name, active, organisation and chain roles' })
  replace(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentScimCaller() caller: ScimCaller,
    @ScimBaseUrl() base: string,
  ) {
    return this.users.replace(caller, id, body, base);
  }

  @Patch('Users/:id')
  @ScimResponse()
  @ApiOperation({ summary: 'PatchOp: add, replace, remove (active:false deactivates)' })
  patch(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentScimCaller() caller: ScimCaller,
    @ScimBaseUrl() base: string,
  ) {
    return this.users.patch(caller, id, body, base);
  }

  @Delete('Users/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deactivate for good; the name stays on past events' })
  remove(@Param('id') id: string, @CurrentScimCaller() caller: ScimCaller): Promise<void> {
    return this.users.remove(caller, id);
  }

  @All(['ServiceProviderConfig', 'ResourceTypes', 'Schemas'])
  @ApiExcludeEndpoint()
  readOnly(): never {
    throw new ScimError(405, 'The discovery endpoints are read-only');
  }

  @Post('.search')
  @ApiExcludeEndpoint()
  searchAll(): never {
    throw new ScimError(501, 'Searching several resource types at once is not supported');
  }

  @All('*path')
  @ApiExcludeEndpoint()
  unknown(): never {
    throw new ScimError(404, 'No such SCIM endpoint');
  }
}

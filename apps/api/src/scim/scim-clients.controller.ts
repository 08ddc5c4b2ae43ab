import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { UuidPipe } from '@schakel/http';
import { CurrentUser, Roles, type AuthenticatedUser } from '@schakel/identity';
import { CreateScimClientDto, IssuedScimClientDto, ScimClientDto } from './scim-client.dto';
import { ScimClientsService } from './scim-clients.service';

/** The platform admin issues each identity provider its SCIM bearer token. */
@ApiTags('admin: SCIM clients')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/scim-clients')
export class ScimClientsController {
  constructor(private readonly clients: ScimClientsService) {}

  @Get()
  @ApiOkResponse({ type: [ScimClientDto] })
  list(): Promise<ScimClientDto[]> {
    return this.clients.list();
  }

  @Post()
  @ApiOperation({ summary: 'Issue a SCIM token for an identity provider, scoped to organisations' })
  @ApiCreatedResponse({ type: IssuedScimClientDto })
  issue(
    @Body() body: CreateScimClientDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<IssuedScimClientDto> {
    return this.clients.issue(body, user);
  }

  @Delete(':clientId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the token: the identity provider is refused from now on' })
  revoke(@Param('clientId', new UuidPipe('clientId')) id: string): Promise<void> {
    return this.clients.revoke(id);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { UuidPipe } from '@schakel/http';
import { CurrentUser, type AuthenticatedUser } from '@schakel/identity';
import {
  CreatePersonDto,
  DeactivationDto,
  GrantInputDto,
  PeopleQueryDto,
  PersonDto,
  PersonPageDto,
  UpdatePersonDto,
} from './admin.dto';
import { PeopleService } from './people.service';

/** The platform admin manages everyone; a chain's admin the people and roles of their chains. */
@ApiTags('admin: people and roles')
@ApiBearerAuth()
@Controller('admin/people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @ApiOperation({ summary: 'People with their role grants' })
  @ApiOkResponse({ type: PersonPageDto })
  list(
    @Query() query: PeopleQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PersonPageDto> {
    return this.people.list(query, user);
  }

  @Post()
  @ApiOperation({ summary: 'Create a person with their grants (409 when the username is taken)' })
  @ApiCreatedResponse({ type: PersonDto })
  @ApiConflictResponse({ description: 'The username is taken' })
  create(
    @Body() body: CreatePersonDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PersonDto> {
    return this.people.create(body, user);
  }

  @Get(':personId')
  @ApiOkResponse({ type: PersonDto })
  get(
    @Param('personId', new UuidPipe('personId')) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PersonDto> {
    return this.people.get(id, user);
  }

  @Patch(':personId')
  @ApiOperation({ summary: 'Change the display name or local password' })
  @ApiOkResponse({ type: PersonDto })
  update(
    @Param('personId', new UuidPipe('personId')) id: string,
    @Body() body: UpdatePersonDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PersonDto> {
    return this.people.update(id, body, user);
  }

  @Post(':personId/deactivate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Deactivate: their tokens stop working at once and their claimed tasks go back to their organisation’s pool',
  })
  @ApiOkResponse({ type: DeactivationDto })
  deactivate(
    @Param('personId', new UuidPipe('personId')) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DeactivationDto> {
    return this.people.deactivate(id, user);
  }

  @Post(':personId/grants')
  @ApiOperation({
    summary: 'Grant a role (a chain’s admin: only for the chains they administer)',
  })
  @ApiCreatedResponse({ type: PersonDto })
  grant(
    @Param('personId', new UuidPipe('personId')) id: string,
    @Body() body: GrantInputDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PersonDto> {
    return this.people.grant(id, body, user);
  }

  @Delete(':personId/grants/:grantId')
  @ApiOperation({ summary: 'Revoke a role grant' })
  @ApiOkResponse({ type: PersonDto })
  revoke(
    @Param('personId', new UuidPipe('personId')) id: string,
    @Param('grantId', new UuidPipe('grantId')) grantId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PersonDto> {
    return this.people.revoke(id, grantId, user);
  }
}

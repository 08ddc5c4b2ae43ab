import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { PageQueryDto } from '@schakel/http';
import { CurrentUser, Roles, type AuthenticatedUser } from '@schakel/identity';
import {
  CreateOrganisationDto,
  DeactivationDto,
  OrganisationDto,
  OrganisationPageDto,
  RenameOrganisationDto,
} from './admin.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('admin: organisations')
@ApiBearerAuth()
@Controller('admin/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApiOperation({
    summary: "Organisations (a chain's admin: the partners of the chains they administer)",
  })
  @ApiOkResponse({ type: OrganisationPageDto })
  list(
    @Query() query: PageQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OrganisationPageDto> {
    return this.organisations.list(query, user);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Platform admin: register an organisation (409 when the id exists)' })
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiConflictResponse({ description: 'An organisation with this id exists' })
  create(@Body() body: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.create(body);
  }

  @Patch(':organisationId')
  @Roles('admin')
  @ApiOperation({
    summary: 'Platform admin: rename an organisation (its one name, in every model)',
  })
  @ApiOkResponse({ type: OrganisationDto })
  rename(
    @Param('organisationId') id: string,
    @Body() body: RenameOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.rename(id, body.name);
  }

  @Post(':organisationId/deactivate')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Platform admin: the organisation leaves; its people are deactivated and their claimed tasks go back to the pool',
  })
  @ApiOkResponse({ type: DeactivationDto })
  deactivate(
    @Param('organisationId') id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DeactivationDto> {
    return this.organisations.deactivate(id, user);
  }
}

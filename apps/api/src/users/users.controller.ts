import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { UserRepository } from '@schakel/database';
import { CurrentUser, Roles, type AuthenticatedUser } from '@schakel/identity';

export class ColleagueDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UserRepository) {}

  @Get('colleagues')
  @Roles('caseworker')
  @ApiOperation({ summary: 'Caseworkers of your organisation, to assign a task to' })
  @ApiOkResponse({ type: [ColleagueDto] })
  async colleagues(@CurrentUser() user: AuthenticatedUser): Promise<ColleagueDto[]> {
    const colleagues = await this.users.findByOrganisation(user.organisationId as string);
    return colleagues.map(({ id, username, displayName }) => ({
      id,
      username,
      displayName: displayName ?? username,
    }));
  }
}

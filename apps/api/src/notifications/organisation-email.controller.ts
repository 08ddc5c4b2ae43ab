import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@schakel/identity';
import { EmailPreferenceDto, SaveEmailPreferenceDto } from './email-preference.dto';
import { EmailPreferencesService } from './email-preferences.service';

/** An organisation's mailbox for its notifications; admins only until organisation admins exist. */
@ApiTags('notifications')
@ApiBearerAuth()
@Roles('admin')
@Controller('organisations/:organisationId/notification-email')
export class OrganisationEmailController {
  constructor(private readonly preferences: EmailPreferencesService) {}

  @Get()
  @ApiOperation({ summary: "An organisation's e-mail notification setting" })
  @ApiOkResponse({ type: EmailPreferenceDto })
  @ApiNotFoundResponse({ description: 'E-mail notifications are off' })
  get(@Param('organisationId') organisationId: string): Promise<EmailPreferenceDto> {
    return this.preferences.get({ organisationId });
  }

  @Put()
  @ApiOperation({
    summary:
      'Send every notification for the organisation to a mailbox, immediately or as a daily digest',
  })
  @ApiOkResponse({ type: EmailPreferenceDto })
  @ApiNotFoundResponse({ description: 'Unknown organisation' })
  save(
    @Param('organisationId') organisationId: string,
    @Body() body: SaveEmailPreferenceDto,
  ): Promise<EmailPreferenceDto> {
    return this.preferences.save({ organisationId }, body);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: "Stop the organisation's e-mail notifications" })
  @ApiNoContentResponse()
  remove(@Param('organisationId') organisationId: string): Promise<void> {
    return this.preferences.remove({ organisationId });
  }
}

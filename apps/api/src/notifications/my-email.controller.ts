import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@schakel/identity';
import { EmailPreferenceDto, SaveEmailPreferenceDto } from './email-preference.dto';
import { EmailPreferencesService } from './email-preferences.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications/email')
export class MyEmailController {
  constructor(private readonly preferences: EmailPreferencesService) {}

  @Get()
  @ApiOperation({ summary: 'My e-mail notification setting' })
  @ApiOkResponse({ type: EmailPreferenceDto })
  @ApiNotFoundResponse({ description: 'E-mail notifications are off' })
  get(@CurrentUser() user: AuthenticatedUser): Promise<EmailPreferenceDto> {
    return this.preferences.get({ userId: user.id });
  }

  @Put()
  @ApiOperation({
    summary: 'Receive my notifications by e-mail too, immediately or as a daily digest',
  })
  @ApiOkResponse({ type: EmailPreferenceDto })
  save(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: SaveEmailPreferenceDto,
  ): Promise<EmailPreferenceDto> {
    return this.preferences.save({ userId: user.id }, body);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop e-mail notifications' })
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.preferences.remove({ userId: user.id });
  }
}

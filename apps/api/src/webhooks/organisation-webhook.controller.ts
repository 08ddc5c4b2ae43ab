import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@schakel/identity';
import { SaveWebhookDto, WebhookSubscriptionDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('organisations/:organisationId/webhook')
export class OrganisationWebhookController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @Roles('admin', 'caseworker')
  @ApiOperation({
    summary: "An organisation's webhook, secret masked (caseworkers: their own organisation's)",
  })
  @ApiOkResponse({ type: WebhookSubscriptionDto })
  @ApiNotFoundResponse({ description: 'No webhook, or an organisation you may not see' })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('organisationId') organisationId: string,
  ): Promise<WebhookSubscriptionDto> {
    return this.webhooks.get(user, organisationId);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: "Set or replace an organisation's webhook (URL, secret, event kinds)" })
  @ApiOkResponse({ type: WebhookSubscriptionDto })
  @ApiNotFoundResponse({ description: 'Unknown organisation' })
  save(
    @Param('organisationId') organisationId: string,
    @Body() body: SaveWebhookDto,
  ): Promise<WebhookSubscriptionDto> {
    return this.webhooks.save(organisationId, body);
  }

  @Delete()
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: "Remove an organisation's webhook; pending deliveries are abandoned" })
  @ApiNoContentResponse()
  remove(@Param('organisationId') organisationId: string): Promise<void> {
    return this.webhooks.remove(organisationId);
  }
}

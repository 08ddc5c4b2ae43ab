import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@schakel/identity';
import { IssuedWebhookSecretDto, SaveWebhookDto, WebhookSubscriptionDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';

/**
 * Only admins: deliveries and webhook settings are the organisation's integration, not case work.
 * Identity has no organisation admins yet (issue 13); until then these are the platform admins.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller('organisations/:organisationId/webhook')
export class OrganisationWebhookController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({ summary: "An organisation's webhook, secret masked" })
  @ApiOkResponse({ type: WebhookSubscriptionDto })
  @ApiNotFoundResponse({ description: 'No webhook' })
  get(@Param('organisationId') organisationId: string): Promise<WebhookSubscriptionDto> {
    return this.webhooks.get(organisationId);
  }

  @Put()
  @ApiOperation({
    summary:
      "Set or replace an organisation's webhook (URL, event kinds); the first save issues the whsec_ secret, shown once",
  })
  @ApiOkResponse({ type: IssuedWebhookSecretDto })
  @ApiBadRequestResponse({ description: 'The URL is refused (private address, credentials, …)' })
  @ApiNotFoundResponse({ description: 'Unknown organisation' })
  save(
    @Param('organisationId') organisationId: string,
    @Body() body: SaveWebhookDto,
  ): Promise<IssuedWebhookSecretDto> {
    return this.webhooks.save(organisationId, body);
  }

  @Post('rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Issue a new secret (shown once); the old one keeps signing for WEBHOOK_SECRET_OVERLAP_HOURS',
  })
  @ApiOkResponse({ type: IssuedWebhookSecretDto })
  @ApiNotFoundResponse({ description: 'No webhook' })
  rotateSecret(@Param('organisationId') organisationId: string): Promise<IssuedWebhookSecretDto> {
    return this.webhooks.rotateSecret(organisationId);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: "Remove an organisation's webhook; pending deliveries are abandoned" })
  @ApiNoContentResponse()
  remove(@Param('organisationId') organisationId: string): Promise<void> {
    return this.webhooks.remove(organisationId);
  }
}

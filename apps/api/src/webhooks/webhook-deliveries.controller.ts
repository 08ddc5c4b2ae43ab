import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@schakel/identity';
import { ListDeliveriesQueryDto, WebhookDeliveryDto, WebhookDeliveryPageDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';

/** Admins only (see OrganisationWebhookController): organisation admins come with issue 13. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller('webhook-deliveries')
export class WebhookDeliveriesController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({ summary: 'Webhook deliveries, newest first, without their payloads' })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  list(@Query() query: ListDeliveriesQueryDto): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.listDeliveries(query);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a new attempt series for a failed delivery' })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiConflictResponse({ description: 'The delivery is not failed' })
  retry(@Param('id', ParseUUIDPipe) id: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.retry(id);
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsText, PageQueryDto } from '@schakel/http';
import { NOTIFICATION_EVENT_KINDS, type NotificationEventKind } from '@schakel/contracts';
import {
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDeliveryEntity,
  type WebhookDeliveryStatus,
  type WebhookSubscriptionEntity,
} from '@schakel/database';

export const MIN_SECRET_LENGTH = 16;

export class SaveWebhookDto {
  @ApiProperty({ example: 'https://crm.woningcorporatie.example.nl/schakel/webhook' })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http or https URL' },
  )
  @MaxLength(2000)
  url!: string;

  @ApiProperty({
    minLength: MIN_SECRET_LENGTH,
    maxLength: 200,
    description: 'Shared secret for the X-Schakel-Signature HMAC; never shown again',
  })
  @IsText()
  @MinLength(MIN_SECRET_LENGTH)
  @MaxLength(200)
  secret!: string;

  @ApiPropertyOptional({ default: true, description: 'false pauses deliveries' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    enum: NOTIFICATION_EVENT_KINDS,
    isArray: true,
    nullable: true,
    description: 'Event kinds to send; omit or null for all',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(NOTIFICATION_EVENT_KINDS, { each: true })
  eventKinds?: NotificationEventKind[] | null;
}

export class WebhookSubscriptionDto {
  @ApiProperty() organisationId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ example: '…3f9a', description: 'The secret’s last four characters' })
  secretHint!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ enum: NOTIFICATION_EVENT_KINDS, isArray: true, nullable: true })
  eventKinds!: string[] | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: WEBHOOK_DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;

  @ApiPropertyOptional({ description: 'Admins: any organisation; caseworkers: only their own' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  organisationId?: string;
}

/** A delivery without its payload: the list is for operating the webhook, not for reading case data. */
export class WebhookDeliveryDto {
  @ApiProperty({ description: 'Also sent as X-Schakel-Delivery' }) id!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() eventKind!: string;
  @ApiProperty({ type: String, nullable: true }) caseId!: string | null;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status!: WebhookDeliveryStatus;
  @ApiProperty({ description: 'HTTP attempts so far, across all series' }) attempts!: number;
  @ApiProperty({ description: 'Attempt series restarted by an admin' }) manualRetries!: number;
  @ApiProperty({ type: Number, nullable: true }) lastStatusCode!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: Date, nullable: true }) lastAttemptAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) nextAttemptAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) deliveredAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) failedAt!: Date | null;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty() createdAt!: Date;
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto] }) items!: WebhookDeliveryDto[];
  @ApiProperty({ description: 'Matching deliveries in all' }) total!: number;
}

export function toSubscriptionDto(subscription: WebhookSubscriptionEntity): WebhookSubscriptionDto {
  const { organisationId, url, secret, active, eventKinds, createdAt, updatedAt } = subscription;
  return {
    organisationId,
    url,
    secretHint: `…${secret.slice(-4)}`,
    active,
    eventKinds,
    createdAt,
    updatedAt,
  };
}

export function toDeliveryDto(delivery: WebhookDeliveryEntity): WebhookDeliveryDto {
  const { payload: _payload, ...rest } = delivery;
  return rest;
}

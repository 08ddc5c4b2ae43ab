import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { IsText, PageQueryDto } from '@schakel/http';
import { NOTIFICATION_EVENT_KINDS, type NotificationEventKind } from '@schakel/contracts';
import {
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDeliveryEntity,
  type WebhookDeliveryStatus,
  type WebhookSubscriptionEntity,
} from '@schakel/database';

export class SaveWebhookDto {
  @ApiProperty({
    example: 'https://crm.woningcorporatie.example.nl/schakel/webhook',
    description:
      'Must resolve to public addresses only (or be on WEBHOOK_ALLOWED_HOSTS); no credentials; https in production',
  })
  @IsText()
  @MaxLength(2000)
  url!: string;

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
  @ApiProperty({
    type: String,
    nullable: true,
    example: '…3f9a',
    description: 'The signing secret’s last four characters (null: none issued yet)',
  })
  secretHint!: string | null;
  @ApiProperty({
    type: Date,
    nullable: true,
    description: 'Until when the secret replaced by the last rotation also signs',
  })
  previousSecretExpiresAt!: Date | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ enum: NOTIFICATION_EVENT_KINDS, isArray: true, nullable: true })
  eventKinds!: string[] | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

/** A subscription with its newly issued secret: the only time the secret is shown. */
export class IssuedWebhookSecretDto extends WebhookSubscriptionDto {
  @ApiPropertyOptional({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The Standard Webhooks secret, shown once: on creation and on rotation',
  })
  secret?: string;
}

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: WEBHOOK_DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;

  @ApiPropertyOptional({ description: 'Only this organisation’s deliveries' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  organisationId?: string;
}

/** A delivery without its payload: the list is for operating the webhook, not for reading case data. */
export class WebhookDeliveryDto {
  @ApiProperty({ description: 'Also sent as the webhook-id header' }) id!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() eventKind!: string;
  @ApiProperty({ type: String, nullable: true }) caseId!: string | null;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status!: WebhookDeliveryStatus;
  @ApiProperty({ description: 'HTTP attempts so far, across all series' }) attempts!: number;
  @ApiProperty({ description: 'Attempt series restarted by an admin' }) manualRetries!: number;
  @ApiProperty({ type: Number, nullable: true }) lastStatusCode!: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A short, fixed reason (never the receiver’s answer)',
  })
  lastError!: string | null;
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
  const { organisationId, url, secretHint, previousSecretExpiresAt, active, eventKinds } =
    subscription;
  const { createdAt, updatedAt } = subscription;
  return {
    organisationId,
    url,
    secretHint: secretHint ? `…${secretHint}` : null,
    previousSecretExpiresAt,
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

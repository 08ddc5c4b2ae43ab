import {
  ConflictException,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  OrganisationRepository,
  WebhookDeliveryRepository,
  WebhookSubscriptionRepository,
  type WebhookDeliveryEntity,
} from '@schakel/database';
import { RequestValidationError } from '@schakel/http';
import { WebhookDeliveryQueue, WebhookSecrets, WebhookTargets } from '@schakel/queue';
import {
  toDeliveryDto,
  toSubscriptionDto,
  type IssuedWebhookSecretDto,
  type ListDeliveriesQueryDto,
  type SaveWebhookDto,
  type WebhookDeliveryDto,
  type WebhookDeliveryPageDto,
  type WebhookSubscriptionDto,
} from './webhook.dto';

/**
 * Partner webhooks, for admins: configure them (URL checked against the SSRF policy, a `whsec_`
 * secret issued and shown once), rotate the secret, list and retry deliveries.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly webhookQueue: WebhookDeliveryQueue,
    private readonly secrets: WebhookSecrets,
    private readonly targets: WebhookTargets,
  ) {}

  async get(organisationId: string): Promise<WebhookSubscriptionDto> {
    const subscription = await this.subscriptions.findForOrganisation(organisationId);
    if (!subscription) throw new NotFoundException(`Organisation ${organisationId} has no webhook`);
    return toSubscriptionDto(subscription);
  }

  /** Creates or replaces the webhook; a subscription without a secret gets one, shown once. */
  async save(organisationId: string, body: SaveWebhookDto): Promise<IssuedWebhookSecretDto> {
    const [organisation] = await this.organisations.findByIds([organisationId]);
    if (!organisation) throw new NotFoundException(`Organisation ${organisationId} not found`);
    const target = await this.targets.resolve(body.url);
    if (!target.ok) {
      throw new RequestValidationError([{ field: 'url', reason: `is refused: ${target.reason}` }]);
    }
    const existing = await this.subscriptions.findForOrganisation(organisationId);
    const issued = existing?.secretSealed ? null : this.secrets.issue();
    const subscription = await this.subscriptions.saveForOrganisation(
      organisationId,
      { url: body.url, active: body.active ?? true, eventKinds: body.eventKinds ?? null },
      issued?.stored,
    );
    return { ...toSubscriptionDto(subscription), ...(issued ? { secret: issued.secret } : {}) };
  }

  /**
   * Issues a new secret; the old one keeps signing for WEBHOOK_SECRET_OVERLAP_HOURS, so the partner
   * can switch without missing a delivery.
   */
  async rotateSecret(organisationId: string): Promise<IssuedWebhookSecretDto> {
    const issued = this.secrets.issue();
    const subscription = await this.subscriptions.rotateSecret(
      organisationId,
      issued.stored,
      this.secrets.overlapUntil(new Date()),
    );
    if (!subscription) throw new NotFoundException(`Organisation ${organisationId} has no webhook`);
    return { ...toSubscriptionDto(subscription), secret: issued.secret };
  }

  async remove(organisationId: string): Promise<void> {
    if (!(await this.subscriptions.removeForOrganisation(organisationId))) {
      throw new NotFoundException(`Organisation ${organisationId} has no webhook`);
    }
  }

  async listDeliveries(query: ListDeliveriesQueryDto): Promise<WebhookDeliveryPageDto> {
    const page = { status: query.status, limit: query.limit, offset: query.offset };
    const [items, total] = query.organisationId
      ? await this.deliveries.listForOrganisation(query.organisationId, page)
      : await this.deliveries.listAll(page);
    return { items: items.map(toDeliveryDto), total };
  }

  /** Starts a new attempt series for a failed delivery. */
  async retry(deliveryId: string): Promise<WebhookDeliveryDto> {
    const delivery = await this.deliveries.findById(deliveryId);
    if (!delivery) throw new NotFoundException(`Webhook delivery ${deliveryId} not found`);
    const subscription = await this.subscriptions.findForOrganisation(delivery.organisationId);
    if (!subscription?.active) {
      throw new UnprocessableEntityException(
        `Organisation ${delivery.organisationId} has no active webhook; set one before retrying`,
      );
    }
    if (!(await this.deliveries.reopenFailed(deliveryId))) {
      throw new ConflictException(
        `Webhook delivery ${deliveryId} is ${delivery.status}; only failed deliveries can be retried`,
      );
    }
    const reopened = (await this.deliveries.findById(deliveryId)) as WebhookDeliveryEntity;
    try {
      await this.webhookQueue.enqueue(reopened);
    } catch (error) {
      // Without a job the row would stay pending for ever: put it back to failed so it can be retried.
      await this.deliveries.abandon(
        deliveryId,
        `Retry could not be queued: ${(error as Error).message}`,
      );
      throw new ServiceUnavailableException(
        'The delivery queue is unreachable; the delivery is still failed, try again later',
      );
    }
    return toDeliveryDto(reopened);
  }
}

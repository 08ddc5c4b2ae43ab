import {
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { EnvironmentVariables } from '@schakel/config';
import {
  OrganisationRepository,
  WebhookDeliveryRepository,
  WebhookSubscriptionRepository,
  type WebhookDeliveryEntity,
} from '@schakel/database';
import { RequestValidationError } from '@schakel/http';
import type { AuthenticatedUser } from '@schakel/identity';
import { WebhookDeliveryQueue } from '@schakel/queue';
import {
  toDeliveryDto,
  toSubscriptionDto,
  type ListDeliveriesQueryDto,
  type SaveWebhookDto,
  type WebhookDeliveryDto,
  type WebhookDeliveryPageDto,
  type WebhookSubscriptionDto,
} from './webhook.dto';

const DEFAULT_PAGE_SIZE = 50;

/**
 * Partner webhooks: admins configure them and retry failed deliveries; a caseworker may read their
 * own organisation's webhook (secret masked) and deliveries, and nothing of other organisations.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
    private readonly organisations: OrganisationRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly webhookQueue: WebhookDeliveryQueue,
  ) {}

  async get(user: AuthenticatedUser, organisationId: string): Promise<WebhookSubscriptionDto> {
    this.assertMaySee(user, organisationId);
    const subscription = await this.subscriptions.findForOrganisation(organisationId);
    if (!subscription) throw new NotFoundException(`Organisation ${organisationId} has no webhook`);
    return toSubscriptionDto(subscription);
  }

  async save(organisationId: string, body: SaveWebhookDto): Promise<WebhookSubscriptionDto> {
    const [organisation] = await this.organisations.findByIds([organisationId]);
    if (!organisation) throw new NotFoundException(`Organisation ${organisationId} not found`);
    // Case events leave the platform here: in production only over TLS.
    if (this.env.NODE_ENV === 'production' && new URL(body.url).protocol !== 'https:') {
      throw new RequestValidationError([
        { field: 'url', reason: 'url must use https in production' },
      ]);
    }
    const subscription = await this.subscriptions.saveForOrganisation(organisationId, {
      url: body.url,
      secret: body.secret,
      active: body.active ?? true,
      eventKinds: body.eventKinds ?? null,
    });
    return toSubscriptionDto(subscription);
  }

  async remove(organisationId: string): Promise<void> {
    if (!(await this.subscriptions.removeForOrganisation(organisationId))) {
      throw new NotFoundException(`Organisation ${organisationId} has no webhook`);
    }
  }

  async listDeliveries(
    user: AuthenticatedUser,
    query: ListDeliveriesQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    const page = {
      status: query.status,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      offset: query.offset ?? 0,
    };
    let organisationId = query.organisationId;
    if (user.role !== 'admin') {
      if (organisationId) this.assertMaySee(user, organisationId);
      organisationId = this.ownOrganisation(user);
    }
    const [items, total] = organisationId
      ? await this.deliveries.listForOrganisation(organisationId, page)
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

  /** Caseworkers see only their own organisation; anything else is answered as not found. */
  private assertMaySee(user: AuthenticatedUser, organisationId: string): void {
    if (user.role !== 'admin' && user.organisationId !== organisationId) {
      throw new NotFoundException(`Organisation ${organisationId} not found`);
    }
  }

  private ownOrganisation(user: AuthenticatedUser): string {
    if (!user.organisationId) throw new NotFoundException('You belong to no organisation');
    return user.organisationId;
  }
}

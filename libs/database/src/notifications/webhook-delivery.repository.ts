import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type FindOptionsWhere } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { WebhookDeliveryEntity, type WebhookDeliveryStatus } from './webhook-delivery.entity';

export type NewWebhookDelivery = Pick<
  WebhookDeliveryEntity,
  'organisationId' | 'eventId' | 'eventKind' | 'caseId' | 'chainId' | 'occurredAt' | 'payload'
>;

export interface DeliveryListQuery {
  status?: WebhookDeliveryStatus;
  limit: number;
  offset: number;
}

/** What one HTTP attempt came to; `retrying` and `failed` differ in whether another attempt follows. */
export type DeliveryAttempt =
  | { result: 'delivered'; statusCode: number }
  | { result: 'retrying'; statusCode: number | null; error: string; nextAttemptAt: Date }
  | { result: 'failed'; statusCode: number | null; error: string };

@Injectable()
export class WebhookDeliveryRepository {
  constructor(
    @InjectRepository(WebhookDeliveryEntity)
    private readonly rows: Repository<WebhookDeliveryEntity>,
  ) {}

  /**
   * Creates a pending delivery per organisation unless one exists for the same event, and returns
   * the rows as they now are (new or existing), so a redelivered event never sends twice.
   */
  async createPending(deliveries: NewWebhookDelivery[]): Promise<WebhookDeliveryEntity[]> {
    if (deliveries.length === 0) return [];
    await this.rows
      .createQueryBuilder()
      .insert()
      // TypeORM's partial type cannot describe an open jsonb object, hence the cast.
      .values(
        deliveries.map((delivery) => ({
          ...delivery,
          status: 'pending',
        })) as QueryDeepPartialEntity<WebhookDeliveryEntity>[],
      )
      .orIgnore()
      .execute();
    return this.rows.find({
      where: deliveries.map(({ organisationId, eventId }) => ({ organisationId, eventId })),
    });
  }

  findById(id: string): Promise<WebhookDeliveryEntity | null> {
    return this.rows.findOne({ where: { id } });
  }

  /** Every organisation's deliveries, newest first (for admins). */
  listAll(query: DeliveryListQuery): Promise<[WebhookDeliveryEntity[], number]> {
    return this.list({}, query);
  }

  listForOrganisation(
    organisationId: string,
    query: DeliveryListQuery,
  ): Promise<[WebhookDeliveryEntity[], number]> {
    return this.list({ organisationId }, query);
  }

  async recordAttempt(id: string, attempt: DeliveryAttempt): Promise<void> {
    const outcome =
      attempt.result === 'delivered'
        ? { status: 'delivered' as const, lastError: null, nextAttemptAt: null }
        : attempt.result === 'retrying'
          ? { lastError: attempt.error, nextAttemptAt: attempt.nextAttemptAt }
          : { status: 'failed' as const, lastError: attempt.error, nextAttemptAt: null };
    await this.rows
      .createQueryBuilder()
      .update()
      .set({
        ...outcome,
        attempts: () => 'attempts + 1',
        lastStatusCode: attempt.statusCode,
        lastAttemptAt: () => 'now()',
        ...(attempt.result === 'delivered' ? { deliveredAt: () => 'now()' } : {}),
        ...(attempt.result === 'failed' ? { failedAt: () => 'now()' } : {}),
      })
      .where('id = :id', { id })
      .execute();
  }

  /** Gives up on a pending delivery without an attempt (e.g. its subscription was removed). */
  async abandon(id: string, reason: string): Promise<void> {
    await this.rows
      .createQueryBuilder()
      .update()
      .set({ status: 'failed', lastError: reason, nextAttemptAt: null, failedAt: () => 'now()' })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
  }

  /** Starts a new attempt series for a failed delivery; false when it was not (or no longer) failed. */
  async reopenFailed(id: string): Promise<boolean> {
    const result = await this.rows
      .createQueryBuilder()
      .update()
      .set({
        status: 'pending',
        manualRetries: () => 'manual_retries + 1',
        failedAt: null,
        nextAttemptAt: () => 'now()',
      })
      .where('id = :id AND status = :failed', { id, failed: 'failed' })
      .execute();
    return result.affected === 1;
  }

  private list(
    where: FindOptionsWhere<WebhookDeliveryEntity>,
    query: DeliveryListQuery,
  ): Promise<[WebhookDeliveryEntity[], number]> {
    return this.rows.findAndCount({
      where: { ...where, ...(query.status ? { status: query.status } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
  }
}

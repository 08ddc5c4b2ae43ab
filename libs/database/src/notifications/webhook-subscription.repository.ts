import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

export type WebhookSettings = Pick<
  WebhookSubscriptionEntity,
  'url' | 'secret' | 'active' | 'eventKinds'
>;

@Injectable()
export class WebhookSubscriptionRepository {
  constructor(
    @InjectRepository(WebhookSubscriptionEntity)
    private readonly rows: Repository<WebhookSubscriptionEntity>,
  ) {}

  findForOrganisation(organisationId: string): Promise<WebhookSubscriptionEntity | null> {
    return this.rows.findOne({ where: { organisationId } });
  }

  /** Creates or replaces the organisation's one subscription. */
  async saveForOrganisation(
    organisationId: string,
    settings: WebhookSettings,
  ): Promise<WebhookSubscriptionEntity> {
    await this.rows
      .createQueryBuilder()
      .insert()
      .values({ organisationId, ...settings })
      .orUpdate(['url', 'secret', 'active', 'event_kinds', 'updated_at'], ['organisation_id'])
      .execute();
    return this.rows.findOneOrFail({ where: { organisationId } });
  }

  /** True when there was a subscription to remove. */
  async removeForOrganisation(organisationId: string): Promise<boolean> {
    const result = await this.rows.delete({ organisationId });
    return (result.affected ?? 0) > 0;
  }

  /** Active subscriptions of these organisations that want events of this kind. */
  findActiveForEvent(
    organisationIds: string[],
    kind: string,
  ): Promise<WebhookSubscriptionEntity[]> {
    if (organisationIds.length === 0) return Promise.resolve([]);
    return this.rows
      .createQueryBuilder('s')
      .where('s.organisationId IN (:...organisationIds)', { organisationIds })
      .andWhere('s.active')
      .andWhere('(s.event_kinds IS NULL OR :kind = ANY(s.event_kinds))', { kind })
      .getMany();
  }
}

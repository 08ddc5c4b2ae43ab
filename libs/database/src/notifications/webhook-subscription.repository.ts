import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

export type WebhookSettings = Pick<WebhookSubscriptionEntity, 'url' | 'active' | 'eventKinds'>;

/** A signing secret as stored: sealed, with its last characters as a hint. */
export interface SealedSecret {
  sealed: string;
  hint: string;
}

@Injectable()
export class WebhookSubscriptionRepository {
  constructor(
    @InjectRepository(WebhookSubscriptionEntity)
    private readonly rows: Repository<WebhookSubscriptionEntity>,
  ) {}

  findForOrganisation(organisationId: string): Promise<WebhookSubscriptionEntity | null> {
    return this.rows.findOne({ where: { organisationId } });
  }

  /**
   * Creates or replaces the organisation's one subscription. The secret is only written when one
   * is given (a new subscription, or one paused without a secret); otherwise the row exists and
   * keeps its secret.
   */
  async saveForOrganisation(
    organisationId: string,
    settings: WebhookSettings,
    secret?: SealedSecret,
  ): Promise<WebhookSubscriptionEntity> {
    if (secret) {
      await this.rows
        .createQueryBuilder()
        .insert()
        .values({
          organisationId,
          ...settings,
          secretSealed: secret.sealed,
          secretHint: secret.hint,
        })
        .orUpdate(
          ['url', 'active', 'event_kinds', 'updated_at', 'secret_sealed', 'secret_hint'],
          ['organisation_id'],
        )
        .execute();
    } else {
      await this.rows.update({ organisationId }, settings);
    }
    return this.rows.findOneOrFail({ where: { organisationId } });
  }

  /**
   * Makes `secret` the signing secret; the one it replaces keeps signing until `previousUntil`.
   * Null when the organisation has no subscription.
   */
  async rotateSecret(
    organisationId: string,
    secret: SealedSecret,
    previousUntil: Date,
  ): Promise<WebhookSubscriptionEntity | null> {
    await this.rows
      .createQueryBuilder()
      .update()
      .set({
        previousSecretSealed: () => 'secret_sealed',
        previousSecretExpiresAt: () =>
          'CASE WHEN secret_sealed IS NULL THEN NULL ELSE CAST(:until AS timestamptz) END',
        secretSealed: secret.sealed,
        secretHint: secret.hint,
      })
      .setParameters({ until: previousUntil })
      .where('organisation_id = :organisationId', { organisationId })
      .execute();
    return this.findForOrganisation(organisationId);
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

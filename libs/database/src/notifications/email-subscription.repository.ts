import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { EmailSubscriptionEntity, type EmailMode } from './email-subscription.entity';

export interface EmailSettings {
  address: string;
  mode: EmailMode;
}

/** Whose subscription: an organisation's or a person's (each has at most one). */
export type EmailOwner = { organisationId: string } | { userId: string };

const column = (owner: EmailOwner) => ('organisationId' in owner ? 'organisation_id' : 'user_id');

@Injectable()
export class EmailSubscriptionRepository {
  constructor(
    @InjectRepository(EmailSubscriptionEntity)
    private readonly rows: Repository<EmailSubscriptionEntity>,
  ) {}

  find(owner: EmailOwner): Promise<EmailSubscriptionEntity | null> {
    return this.rows.findOne({ where: owner });
  }

  /** Creates or replaces the owner's subscription. */
  async save(owner: EmailOwner, settings: EmailSettings): Promise<EmailSubscriptionEntity> {
    await this.rows
      .createQueryBuilder()
      .insert()
      .values({ ...owner, ...settings })
      .orUpdate(['address', 'mode', 'updated_at'], [column(owner)])
      .execute();
    return this.rows.findOneOrFail({ where: owner });
  }

  /** True when there was a subscription to remove (its unsent e-mails go with it). */
  async remove(owner: EmailOwner): Promise<boolean> {
    const result = await this.rows.delete(owner);
    return (result.affected ?? 0) > 0;
  }
}

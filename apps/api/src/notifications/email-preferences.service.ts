import { Injectable, NotFoundException } from '@nestjs/common';
import {
  EmailSubscriptionRepository,
  OrganisationRepository,
  type EmailOwner,
} from '@schakel/database';
import {
  toEmailPreferenceDto,
  type EmailPreferenceDto,
  type SaveEmailPreferenceDto,
} from './email-preference.dto';

/**
 * Opt-in to e-mail notifications: a person for what reaches them in-app, an admin for an
 * organisation's mailbox (every event for the organisation). E-mails carry a title and a link only.
 */
@Injectable()
export class EmailPreferencesService {
  constructor(
    private readonly subscriptions: EmailSubscriptionRepository,
    private readonly organisations: OrganisationRepository,
  ) {}

  async get(owner: EmailOwner): Promise<EmailPreferenceDto> {
    const subscription = await this.subscriptions.find(owner);
    if (!subscription) throw new NotFoundException('No e-mail notifications are set');
    return toEmailPreferenceDto(subscription);
  }

  async save(owner: EmailOwner, body: SaveEmailPreferenceDto): Promise<EmailPreferenceDto> {
    if ('organisationId' in owner) {
      const [organisation] = await this.organisations.findByIds([owner.organisationId]);
      if (!organisation) {
        throw new NotFoundException(`Organisation ${owner.organisationId} not found`);
      }
    }
    return toEmailPreferenceDto(
      await this.subscriptions.save(owner, { address: body.address, mode: body.mode }),
    );
  }

  async remove(owner: EmailOwner): Promise<void> {
    if (!(await this.subscriptions.remove(owner))) {
      throw new NotFoundException('No e-mail notifications are set');
    }
  }
}

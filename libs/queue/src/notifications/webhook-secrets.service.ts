import { Inject, Injectable } from '@nestjs/common';
import { EnvironmentVariables } from '@schakel/config';
import type { SealedSecret, WebhookSubscriptionEntity } from '@schakel/database';
import { generateWebhookSecret, SecretBox } from './secret-box';

const HOUR_MS = 3600 * 1000;

/** Issues `whsec_` secrets sealed for storage, and opens the ones that sign a delivery now. */
@Injectable()
export class WebhookSecrets {
  private readonly box: SecretBox;

  constructor(@Inject(EnvironmentVariables) private readonly env: EnvironmentVariables) {
    this.box = new SecretBox(env.WEBHOOK_SECRET_KEY);
  }

  /** A new secret: `secret` is shown to the admin once, `stored` goes to the database. */
  issue(): { secret: string; stored: SealedSecret } {
    const secret = generateWebhookSecret();
    return { secret, stored: { sealed: this.box.seal(secret), hint: secret.slice(-4) } };
  }

  /** Until when a replaced secret keeps signing (WEBHOOK_SECRET_OVERLAP_HOURS from `now`). */
  overlapUntil(now: Date): Date {
    return new Date(now.getTime() + this.env.WEBHOOK_SECRET_OVERLAP_HOURS * HOUR_MS);
  }

  /** The secrets that sign at `now`: the current one, and the previous one within its overlap. */
  signingSecrets(subscription: WebhookSubscriptionEntity, now: Date): string[] {
    const secrets = subscription.secretSealed ? [this.box.open(subscription.secretSealed)] : [];
    const { previousSecretSealed, previousSecretExpiresAt } = subscription;
    if (previousSecretSealed && previousSecretExpiresAt && previousSecretExpiresAt > now) {
      secrets.push(this.box.open(previousSecretSealed));
    }
    return secrets;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import {
  EnvironmentVariables,
  openText,
  sealText,
  storedSecretKeyring,
  type Keyring,
} from '@schakel/config';
import type { SealedSecret, WebhookSubscriptionEntity } from '@schakel/database';
import { generateWebhookSecret } from './webhook-secret';

const HOUR_MS = 3600 * 1000;

/**
 * Issues `whsec_` secrets sealed for storage (AES-256-GCM under STORED_SECRET_KEYS, `sealText`),
 * and opens the ones that sign a delivery now.
 */
@Injectable()
export class WebhookSecrets {
  private readonly keyring: Keyring;

  constructor(@Inject(EnvironmentVariables) private readonly env: EnvironmentVariables) {
    this.keyring = storedSecretKeyring(env);
  }

  /** A new secret: `secret` is shown to the admin once, `stored` goes to the database. */
  issue(): { secret: string; stored: SealedSecret } {
    const secret = generateWebhookSecret();
    return { secret, stored: { sealed: sealText(this.keyring, secret), hint: secret.slice(-4) } };
  }

  /** Until when a replaced secret keeps signing (WEBHOOK_SECRET_OVERLAP_HOURS from `now`). */
  overlapUntil(now: Date): Date {
    return new Date(now.getTime() + this.env.WEBHOOK_SECRET_OVERLAP_HOURS * HOUR_MS);
  }

  /** The secrets that sign at `now`: the current one, and the previous one within its overlap. */
  signingSecrets(subscription: WebhookSubscriptionEntity, now: Date): string[] {
    const secrets = subscription.secretSealed
      ? [openText(this.keyring, subscription.secretSealed)]
      : [];
    const { previousSecretSealed, previousSecretExpiresAt } = subscription;
    if (previousSecretSealed && previousSecretExpiresAt && previousSecretExpiresAt > now) {
      secrets.push(openText(this.keyring, previousSecretSealed));
    }
    return secrets;
  }
}

import { createDecipheriv } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { openText, sealText, storedSecretKeyring, type Keyring } from '@schakel/config';

/**
 * Secrets stored in PostgreSQL are sealed under STORED_SECRET_KEYS (key ids, rotation): TOTP
 * secrets, stored in clear until now, are sealed here; webhook secrets sealed under the former
 * single WEBHOOK_SECRET_KEY (`v1.` values) are opened with it, when the environment still has it,
 * and sealed again. A webhook secret that cannot be opened pauses its subscription, to be saved
 * again (as at the first sealing, migration 1764850000000).
 */
export class SealedStoredSecrets1764860000001 implements MigrationInterface {
  name = 'SealedStoredSecrets1764860000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const keyring = storedSecretKeyring({ NODE_ENV: 'development', ...process.env });
    await queryRunner.query(`ALTER TABLE users ALTER COLUMN totp_secret TYPE text`);
    const totp: { id: string; totp_secret: string }[] = await queryRunner.query(
      `SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE '%:%'`,
    );
    for (const row of totp) {
      await queryRunner.query(`UPDATE users SET totp_secret = $2 WHERE id = $1`, [
        row.id,
        sealText(keyring, row.totp_secret),
      ]);
    }
    const legacyKey = legacyWebhookKey();
    const webhooks: {
      organisation_id: string;
      secret_sealed: string | null;
      previous_secret_sealed: string | null;
    }[] = await queryRunner.query(
      `SELECT organisation_id, secret_sealed, previous_secret_sealed FROM webhook_subscriptions
       WHERE secret_sealed LIKE 'v1.%' OR previous_secret_sealed LIKE 'v1.%'`,
    );
    for (const row of webhooks) {
      const current = reseal(row.secret_sealed, legacyKey, keyring);
      const previous = reseal(row.previous_secret_sealed, legacyKey, keyring);
      if (current === undefined) {
        await queryRunner.query(
          `UPDATE webhook_subscriptions SET active = false, secret_sealed = NULL,
             previous_secret_sealed = NULL, previous_secret_expires_at = NULL
           WHERE organisation_id = $1`,
          [row.organisation_id],
        );
      } else {
        await queryRunner.query(
          `UPDATE webhook_subscriptions SET secret_sealed = $2, previous_secret_sealed = $3,
             previous_secret_expires_at = CASE WHEN $3::text IS NULL THEN NULL
               ELSE previous_secret_expires_at END WHERE organisation_id = $1`,
          [row.organisation_id, current, previous ?? null],
        );
      }
    }
  }

  /** TOTP secrets go back in clear; sealed webhook secrets cannot go back to `v1.`: paused. */
  async down(queryRunner: QueryRunner): Promise<void> {
    const keyring = storedSecretKeyring({ NODE_ENV: 'development', ...process.env });
    const totp: { id: string; totp_secret: string }[] = await queryRunner.query(
      `SELECT id, totp_secret FROM users WHERE totp_secret LIKE '%:%'`,
    );
    for (const row of totp) {
      await queryRunner.query(`UPDATE users SET totp_secret = $2 WHERE id = $1`, [
        row.id,
        openText(keyring, row.totp_secret),
      ]);
    }
    await queryRunner.query(`ALTER TABLE users ALTER COLUMN totp_secret TYPE varchar(64)`);
    await queryRunner.query(
      `UPDATE webhook_subscriptions SET active = false, secret_sealed = NULL,
         previous_secret_sealed = NULL, previous_secret_expires_at = NULL
       WHERE secret_sealed IS NOT NULL OR previous_secret_sealed IS NOT NULL`,
    );
  }
}

/** The former development default of WEBHOOK_SECRET_KEY, for databases of development set-ups. */
const LEGACY_DEVELOPMENT_WEBHOOK_KEY = 'c2NoYWtlbC1kZXZlbG9wbWVudC13ZWJob29rLWtleSE=';

function legacyWebhookKey(): Buffer | null {
  const configured = process.env.WEBHOOK_SECRET_KEY;
  if (configured) return Buffer.from(configured, 'base64');
  return process.env.NODE_ENV === 'production'
    ? null
    : Buffer.from(LEGACY_DEVELOPMENT_WEBHOOK_KEY, 'base64');
}

/**
 * A `v1.<iv>.<tag>.<ciphertext>` value sealed again under the keyring; a value in the new form
 * stays; null stays null; undefined when it cannot be opened.
 */
function reseal(value: string | null, legacyKey: Buffer | null, keyring: Keyring) {
  if (value === null || !value.startsWith('v1.')) return value;
  const [, iv, tag, ciphertext] = value.split('.');
  if (!legacyKey || !iv || !tag || ciphertext === undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', legacyKey, Buffer.from(iv, 'base64url'), {
      authTagLength: 16,
    });
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const secret = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
    return sealText(keyring, secret);
  } catch {
    return undefined;
  }
}

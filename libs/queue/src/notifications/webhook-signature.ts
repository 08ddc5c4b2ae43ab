import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

/** `sha256=<hex HMAC-SHA256 of the exact body bytes, keyed with the subscription secret>`. */
export function signWebhookBody(body: string, secret: string): string {
  return PREFIX + createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

/** What a receiver does: recompute over the raw body and compare in constant time. */
export function verifyWebhookSignature(
  body: string,
  secret: string,
  header: string | undefined,
): boolean {
  if (!header?.startsWith(PREFIX)) return false;
  const expected = Buffer.from(signWebhookBody(body, secret));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

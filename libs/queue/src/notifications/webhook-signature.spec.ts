import { createHmac } from 'node:crypto';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

const secret = 'a-secret-of-24-characters';
const body = '{"id":"e-1","kind":"task.assigned","data":{"naam":"Zoë"}}';

describe('webhook signature', () => {
  it('is the hex HMAC-SHA256 of the UTF-8 body', () => {
    const hex = createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex');
    expect(signWebhookBody(body, secret)).toBe(`sha256=${hex}`);
  });

  it('verifies its own signature', () => {
    expect(verifyWebhookSignature(body, secret, signWebhookBody(body, secret))).toBe(true);
  });

  it.each([
    ['another secret', body, signWebhookBody(body, 'another-secret-of-24-chars')],
    ['a changed body', `${body} `, signWebhookBody(body, secret)],
    ['no prefix', body, signWebhookBody(body, secret).slice('sha256='.length)],
    ['a truncated signature', body, signWebhookBody(body, secret).slice(0, 20)],
    ['no header', body, undefined],
  ])('refuses %s', (_, signedBody, header) => {
    expect(verifyWebhookSignature(signedBody, secret, header)).toBe(false);
  });
});

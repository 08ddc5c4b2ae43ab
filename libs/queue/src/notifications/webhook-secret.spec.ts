import { generateWebhookSecret } from './webhook-secret';

describe('generateWebhookSecret', () => {
  it('makes Standard Webhooks secrets, a new one each time', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});

import { webhookRequest, type WebhookDeliveryFields } from './webhook-request';
import { verifyWebhookSignature } from './webhook-signature';

const delivery: WebhookDeliveryFields = {
  id: '0b7f3c1e-3f4a-4c1e-9a55-2f1e0c9d8a11',
  organisationId: 'gemeente',
  eventId: 'case-1:task.assigned:intake:1',
  eventKind: 'task.assigned',
  caseId: 'case-1',
  occurredAt: new Date('2025-03-03T09:00:00.000Z'),
  payload: { taskKey: 'intake', dueOn: '2025-03-17' },
};
const secret = 'gemeente-webhook-secret';

describe('webhookRequest', () => {
  const sentAt = new Date('2025-03-03T09:00:05.250Z');
  const request = webhookRequest(delivery, secret, sentAt);

  it('sends the documented body, keys in a fixed order', () => {
    expect(request.body).toBe(
      '{"id":"case-1:task.assigned:intake:1","kind":"task.assigned","occurredAt":"2025-03-03T09:00:00.000Z",' +
        '"organisationId":"gemeente","caseId":"case-1","data":{"taskKey":"intake","dueOn":"2025-03-17"}}',
    );
  });

  it('names the event, the delivery and the attempt time', () => {
    expect(request.headers).toMatchObject({
      'Content-Type': 'application/json',
      'X-Schakel-Event': 'task.assigned',
      'X-Schakel-Delivery': delivery.id,
      'X-Schakel-Timestamp': '1740992405',
    });
  });

  it('signs exactly the body it sends', () => {
    const signature = request.headers['X-Schakel-Signature'];
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(request.body, secret, signature)).toBe(true);
  });

  it('keeps a case-less event’s caseId as null rather than dropping the key', () => {
    const body = JSON.parse(webhookRequest({ ...delivery, caseId: null }, secret, sentAt).body);
    expect(body).toHaveProperty('caseId', null);
  });
});

import { CloudEvent, HTTP } from 'cloudevents';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { generateWebhookSecret } from './webhook-secret';
import { webhookRequest, type WebhookDeliveryFields } from './webhook-request';

const delivery: WebhookDeliveryFields = {
  id: '0b7f3c1e-3f4a-4c1e-9a55-2f1e0c9d8a11',
  organisationId: 'kredietbank',
  eventId: '5d1c2f0e-1111-4c1e-9a55-2f1e0c9d8a11:7:task.opened',
  eventKind: 'task.opened',
  caseId: '5d1c2f0e-1111-4c1e-9a55-2f1e0c9d8a11',
  chainId: 'vroegsignalering-schuldhulp',
  occurredAt: new Date('2025-03-03T09:00:00.000Z'),
  payload: {
    taskKey: 'first-conversation:1',
    stepId: 'first-conversation',
    dueAt: '2025-03-31T21:59:59.999Z',
    taskId: '9a3e4b5c-2222-4c1e-9a55-2f1e0c9d8a11',
  },
};
const context = {
  publicBaseUrl: 'https://schakel.example.nl/',
  consoleBaseUrl: 'https://schakel.example.nl/app',
};

/** What a partner's receiver does with the raw request: verify the signature, then parse the event. */
function receive(secret: string, request: { body: string; headers: Record<string, string> }) {
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  new Webhook(secret).verify(request.body, headers);
  return HTTP.toEvent({ headers, body: request.body }) as CloudEvent<Record<string, unknown>>;
}

describe('webhookRequest: a CloudEvent signed per Standard Webhooks', () => {
  const secret = generateWebhookSecret();
  const now = new Date();

  it('is a valid structured CloudEvent with references only', () => {
    const event = receive(secret, webhookRequest(delivery, context, [secret], now));
    expect(event.validate()).toBe(true);
    expect(event).toMatchObject({
      specversion: '1.0',
      id: delivery.eventId,
      source: 'https://schakel.example.nl/chains/vroegsignalering-schuldhulp',
      type: 'nl.schakel.task.opened',
      subject: 'tasks/9a3e4b5c-2222-4c1e-9a55-2f1e0c9d8a11',
      time: '2025-03-03T09:00:00.000Z',
      datacontenttype: 'application/json',
      dataref: 'https://schakel.example.nl/tasks/9a3e4b5c-2222-4c1e-9a55-2f1e0c9d8a11',
    });
    expect(event.data).toEqual({
      ...delivery.payload,
      caseId: delivery.caseId,
      links: { task: 'https://schakel.example.nl/app/tasks/9a3e4b5c-2222-4c1e-9a55-2f1e0c9d8a11' },
    });
  });

  it('names the source by URN when the installation has an OIN (NL GOV profile)', () => {
    const withOin = { ...context, sourceOin: '00000001823288444000' };
    const event = receive(secret, webhookRequest(delivery, withOin, [secret], now));
    expect(event.source).toBe(
      'urn:nld:oin:00000001823288444000:systeem:schakel:keten:vroegsignalering-schuldhulp',
    );
    expect(event.validate()).toBe(true);
  });

  it('names the case when there is no task', () => {
    const request = webhookRequest(
      { ...delivery, eventKind: 'case.closed', payload: { status: 'closed' } },
      context,
      [secret],
      now,
    );
    const event = receive(secret, request);
    expect(event.subject).toBe(`cases/${delivery.caseId}`);
    expect(event).not.toHaveProperty('dataref');
    expect(event.data?.links).toEqual({
      case: `https://schakel.example.nl/app/cases/${delivery.caseId}`,
    });
  });

  it('sends the Standard Webhooks headers, signing id, timestamp and body', () => {
    const request = webhookRequest(delivery, context, [secret], now);
    expect(request.headers).toMatchObject({
      'Content-Type': 'application/cloudevents+json; charset=utf-8',
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]+=*$/),
    });
    // Changing any of the three breaks the signature.
    for (const tampered of [
      { ...request, body: request.body.replace('first-conversation', 'feedback') },
      { ...request, headers: { ...request.headers, 'webhook-id': 'another' } },
      {
        ...request,
        headers: {
          ...request.headers,
          'webhook-timestamp': String(Number(request.headers['webhook-timestamp']) - 1),
        },
      },
    ]) {
      expect(() => receive(secret, tampered)).toThrow(WebhookVerificationError);
    }
    expect(() => receive(generateWebhookSecret(), request)).toThrow(WebhookVerificationError);
  });

  it('is refused when replayed later: the timestamp is signed and must be recent', () => {
    const captured = webhookRequest(
      delivery,
      context,
      [secret],
      new Date(Date.now() - 10 * 60_000),
    );
    expect(() => receive(secret, captured)).toThrow('Message timestamp too old');
  });

  it('carries a signature per secret during a rotation, so either verifies', () => {
    const previous = generateWebhookSecret();
    const request = webhookRequest(delivery, context, [secret, previous], now);
    expect(request.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(receive(secret, request).id).toBe(delivery.eventId);
    expect(receive(previous, request).id).toBe(delivery.eventId);
  });
});

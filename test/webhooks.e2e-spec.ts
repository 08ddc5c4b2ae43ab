import { randomUUID } from 'node:crypto';
import { openText, storedSecretKeyring } from '@schakel/config';
import type { NotificationEvent } from '@schakel/contracts';
import { NotificationRepository } from '@schakel/database';
import { NotificationService } from '@schakel/queue';
import { DataSource } from 'typeorm';
import { eventually } from './support/eventually';
import { isolatedRedisPrefix, removeNotificationQueues } from './support/notification-queues';
import { startTestStack, type TestStack } from './support/test-stack';
import {
  startWebhookReceiver,
  unreachableUrl,
  verifiedEvent,
  type WebhookReceiver,
} from './support/webhook-receiver';

const ORGANISATION = 'woningcorporatie';
const MAX_ATTEMPTS = 4;

interface Delivery {
  id: string;
  eventId: string;
  status: string;
  attempts: number;
  manualRetries: number;
  lastStatusCode: number | null;
  lastError: string | null;
}

describe('partner webhooks (notify → BullMQ → worker → HTTP receiver)', () => {
  let stack: TestStack;
  let admin: string;
  /** The organisation's current whsec_ secret (issued by the first save, kept across saves). */
  let secret: string;
  const receivers: WebhookReceiver[] = [];

  const event = (overrides: Partial<NotificationEvent> = {}): NotificationEvent => ({
    id: `case-${randomUUID()}:task.assigned:signaal:1`,
    kind: 'task.assigned',
    organisationIds: [ORGANISATION],
    title: 'Nieuwe taak: signaal beoordelen',
    body: 'Er is een signaal van betalingsachterstand binnengekomen.',
    caseId: randomUUID(),
    chainId: 'vroegsignalering-schuldhulp',
    payload: { taskKey: 'signaal', dueOn: '2025-03-17' },
    ...overrides,
  });

  const setWebhook = (body: Record<string, unknown>, as = admin, organisation = ORGANISATION) =>
    stack.http().put(`/organisations/${organisation}/webhook`).set('Authorization', as).send(body);

  async function deliveriesOf(eventId: string): Promise<Delivery[]> {
    const response = await stack
      .http()
      .get('/webhook-deliveries')
      .query({ organisationId: ORGANISATION, limit: 200 })
      .set('Authorization', admin)
      .expect(200);
    return (response.body.items as Delivery[]).filter((item) => item.eventId === eventId);
  }

  async function receiver(
    ...options: Parameters<typeof startWebhookReceiver>
  ): Promise<WebhookReceiver> {
    const started = await startWebhookReceiver(...options);
    receivers.push(started);
    return started;
  }

  beforeAll(async () => {
    stack = await startTestStack({
      environment: {
        REDIS_PREFIX: isolatedRedisPrefix(),
        WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        WEBHOOK_BACKOFF_BASE_MS: '20',
        WEBHOOK_TIMEOUT_MS: '2000',
        // The test's partner systems listen on 127.0.0.1: allowed explicitly, like an on-premise one.
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
        PUBLIC_BASE_URL: 'https://schakel.test.example.nl',
        CONSOLE_BASE_URL: 'https://schakel.test.example.nl/app',
      },
    });
    admin = await stack.bearer('admin');
    await stack.http().delete(`/organisations/${ORGANISATION}/webhook`).set('Authorization', admin);
    secret = (await setWebhook({ url: 'http://127.0.0.1:9/hook' }).expect(200)).body.secret;
  });

  afterAll(async () => {
    await stack.http().delete(`/organisations/${ORGANISATION}/webhook`).set('Authorization', admin);
    await removeNotificationQueues(stack.api);
    await stack.close();
    await Promise.all(receivers.map((started) => started.close()));
  });

  describe('configuration', () => {
    it('refuses a URL that is no http(s) URL, naming the field', async () => {
      const response = await setWebhook({ url: 'ftp://partner.example.nl/hook' });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'url', reason: 'is refused: not an http(s) URL' },
      ]);
    });

    it.each([
      ['http://127.0.0.2:5432/', 'address not allowed (loopback)'],
      ['http://[::1]:6379/', 'address not allowed (loopback)'],
      ['http://0x7f000002/', 'address not allowed (loopback)'],
      ['http://169.254.169.254/latest/meta-data/', 'address not allowed (linkLocal)'],
      ['http://10.0.0.8/hook', 'address not allowed (private)'],
      ['http://[::ffff:192.168.1.1]/', 'address not allowed (private)'],
      ['http://user:secret@127.0.0.1/hook', 'credentials in the URL are not allowed'],
    ])('refuses %s at registration', async (url, reason) => {
      const response = await setWebhook({ url });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'url', reason: `is refused: ${reason}` }]);
    });

    it('refuses an unknown event kind', async () => {
      const response = await setWebhook({
        url: 'http://127.0.0.1:9/hook',
        eventKinds: ['task.exploded'],
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'eventKinds' })]);
    });

    it('answers 404 for an unknown organisation', async () => {
      const response = await setWebhook(
        { url: 'http://127.0.0.1:9/hook' },
        admin,
        'no-such-organisation',
      );
      expect(response.status).toBe(404);
      expect(response.body.message).toBe('Organisation no-such-organisation not found');
    });

    it('lets only an admin set, read or rotate a webhook', async () => {
      const caseworker = await stack.bearer(`${ORGANISATION}.medewerker`);
      await setWebhook({ url: 'http://127.0.0.1:9/hook' }, caseworker).expect(403);
      await stack
        .http()
        .get(`/organisations/${ORGANISATION}/webhook`)
        .set('Authorization', caseworker)
        .expect(403);
      await stack
        .http()
        .post(`/organisations/${ORGANISATION}/webhook/rotate-secret`)
        .set('Authorization', caseworker)
        .expect(403);
    });

    it('issues a whsec_ secret once, keeps it on later saves, and stores it sealed', async () => {
      await stack
        .http()
        .delete(`/organisations/${ORGANISATION}/webhook`)
        .set('Authorization', admin)
        .expect(204);
      const created = await setWebhook({ url: 'http://127.0.0.1:9/hook' }).expect(200);
      expect(created.body).toMatchObject({
        organisationId: ORGANISATION,
        url: 'http://127.0.0.1:9/hook',
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
        active: true,
        eventKinds: null,
        previousSecretExpiresAt: null,
      });
      secret = created.body.secret;
      expect(created.body.secretHint).toBe(`…${secret.slice(-4)}`);

      const saved = await setWebhook({ url: 'http://127.0.0.1:10/hook' }).expect(200);
      expect(saved.body).not.toHaveProperty('secret');
      expect(saved.body.secretHint).toBe(`…${secret.slice(-4)}`);
      const read = await stack
        .http()
        .get(`/organisations/${ORGANISATION}/webhook`)
        .set('Authorization', admin)
        .expect(200);
      expect(JSON.stringify(read.body)).not.toContain(secret.slice(6));

      const [row] = await stack.api
        .get(DataSource)
        .query<{ secret_sealed: string }[]>(
          'SELECT secret_sealed FROM webhook_subscriptions WHERE organisation_id = $1',
          [ORGANISATION],
        );
      // Sealed under STORED_SECRET_KEYS (here the development key), naming its key id.
      expect(row.secret_sealed).toMatch(/^development:/);
      expect(row.secret_sealed).not.toContain(secret.slice(6, 20));
      expect(openText(storedSecretKeyring({ NODE_ENV: 'test' }), row.secret_sealed)).toBe(secret);
    });
  });

  it('retries a receiver that fails twice: three attempts, each a signed CloudEvent, one delivery', async () => {
    const partner = await receiver((n) => (n <= 2 ? 500 : 200), {
      answer: 'FATAL: password authentication failed for user "postgres"',
    });
    await setWebhook({ url: partner.url }).expect(200);
    const notification = event();
    const notifications = stack.api.get(NotificationService);

    // A Temporal activity may run twice: the same event id must not notify or deliver twice.
    await notifications.notify(notification);
    await notifications.notify(notification);

    const [delivery] = await eventually(async () => {
      const found = await deliveriesOf(notification.id);
      expect(found).toEqual([expect.objectContaining({ status: 'delivered' })]);
      return found;
    });
    expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 200, lastError: null });

    expect(partner.requests).toHaveLength(3);
    for (const request of partner.requests) {
      const received = verifiedEvent(secret, request);
      expect(request.headers).toMatchObject({
        'content-type': 'application/cloudevents+json; charset=utf-8',
        'webhook-id': delivery.id,
        'webhook-timestamp': expect.stringMatching(/^\d{10}$/),
        'webhook-signature': expect.stringMatching(/^v1,/),
      });
      expect(received).toMatchObject({
        specversion: '1.0',
        id: notification.id,
        source: 'https://schakel.test.example.nl/chains/vroegsignalering-schuldhulp',
        type: 'nl.schakel.task.assigned',
        subject: `cases/${notification.caseId}`,
        datacontenttype: 'application/json',
        data: {
          taskKey: 'signaal',
          dueOn: '2025-03-17',
          caseId: notification.caseId,
          links: { case: `https://schakel.test.example.nl/app/cases/${notification.caseId}` },
        },
      });
    }
    expect(new Set(partner.requests.map(({ body }) => body)).size).toBe(1);

    // Both caseworkers of the organisation got the in-app notification, each exactly once.
    const [{ count }] = await stack.api
      .get(DataSource)
      .query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM notifications WHERE event_id = $1',
        [notification.id],
      );
    expect(count).toBe(2);

    // Nothing further arrives once the receiver has taken it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(partner.requests).toHaveLength(3);
  });

  it('keeps a delivery to a receiver that is down as failed, and an admin retry delivers it', async () => {
    await setWebhook({ url: await unreachableUrl() }).expect(200);
    const notification = event({ kind: 'task.overdue' });
    await stack.api.get(NotificationService).notify(notification);

    const [failed] = await eventually(async () => {
      const found = await deliveriesOf(notification.id);
      expect(found).toEqual([expect.objectContaining({ status: 'failed' })]);
      return found;
    });
    expect(failed).toMatchObject({ attempts: MAX_ATTEMPTS, lastStatusCode: null });
    expect(failed.lastError).toBe('connection refused (ECONNREFUSED)');

    // Listed among failed deliveries, for admins only (no organisation admins before issue 13).
    const failedList = await stack
      .http()
      .get('/webhook-deliveries?status=failed')
      .set('Authorization', admin)
      .expect(200);
    expect(failedList.body.items.map((item: Delivery) => item.id)).toContain(failed.id);
    expect(failedList.body.items[0]).not.toHaveProperty('payload');
    const own = await stack.bearer(`${ORGANISATION}.collega`);
    await stack.http().get('/webhook-deliveries').set('Authorization', own).expect(403);

    // Only an admin retries.
    await stack
      .http()
      .post(`/webhook-deliveries/${failed.id}/retry`)
      .set('Authorization', own)
      .expect(403);

    const partner = await receiver(() => 204);
    await setWebhook({ url: partner.url }).expect(200);
    const retried = await stack
      .http()
      .post(`/webhook-deliveries/${failed.id}/retry`)
      .set('Authorization', admin)
      .expect(202);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'pending', manualRetries: 1 });

    const [delivered] = await eventually(async () => {
      const found = await deliveriesOf(notification.id);
      expect(found).toEqual([expect.objectContaining({ status: 'delivered' })]);
      return found;
    });
    expect(delivered).toMatchObject({ attempts: MAX_ATTEMPTS + 1, lastStatusCode: 204 });
    expect(partner.requests).toHaveLength(1);
    expect(verifiedEvent(secret, partner.requests[0]).id).toBe(notification.id);

    const again = await stack
      .http()
      .post(`/webhook-deliveries/${failed.id}/retry`)
      .set('Authorization', admin)
      .expect(409);
    expect(again.body.message).toBe(
      `Webhook delivery ${failed.id} is delivered; only failed deliveries can be retried`,
    );
    await stack
      .http()
      .post(`/webhook-deliveries/${randomUUID()}/retry`)
      .set('Authorization', admin)
      .expect(404);
  });

  it('keeps only a fixed reason of a failing receiver, never its answer', async () => {
    const partner = await receiver(() => 500, {
      answer: 'FATAL: password authentication failed for user "postgres"',
    });
    await setWebhook({ url: partner.url }).expect(200);
    const notification = event({ kind: 'task.due-soon' });
    await stack.api.get(NotificationService).notify(notification);
    const [failed] = await eventually(async () => {
      const found = await deliveriesOf(notification.id);
      expect(found).toEqual([expect.objectContaining({ status: 'failed' })]);
      return found;
    });
    expect(failed).toMatchObject({ lastStatusCode: 500, lastError: 'receiver answered HTTP 500' });
  });

  it('checks the address again at delivery time and sends nothing to a refused one', async () => {
    const partner = await receiver(() => 200);
    await setWebhook({ url: partner.url }).expect(200);
    // As if the name now resolved elsewhere: the stored URL points at a loopback address not allowed.
    const port = new URL(partner.url).port;
    await stack.api
      .get(DataSource)
      .query('UPDATE webhook_subscriptions SET url = $1 WHERE organisation_id = $2', [
        `http://[::ffff:127.0.0.2]:${port}/schakel/webhook`,
        ORGANISATION,
      ]);
    const notification = event({ kind: 'task.cancelled' });
    await stack.api.get(NotificationService).notify(notification);
    const [failed] = await eventually(async () => {
      const found = await deliveriesOf(notification.id);
      expect(found).toEqual([expect.objectContaining({ status: 'failed' })]);
      return found;
    });
    expect(failed).toMatchObject({
      attempts: MAX_ATTEMPTS,
      lastStatusCode: null,
      lastError: 'address not allowed (loopback)',
    });
    expect(partner.requests).toEqual([]);
  });

  it('signs with the old and the new secret during a rotation; a replay later is refused', async () => {
    const partner = await receiver(() => 204);
    await setWebhook({ url: partner.url }).expect(200);
    const rotated = await stack
      .http()
      .post(`/organisations/${ORGANISATION}/webhook/rotate-secret`)
      .set('Authorization', admin)
      .expect(200);
    const next: string = rotated.body.secret;
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt)).toBeGreaterThan(Date.now());

    const notification = event({ kind: 'task.opened' });
    await stack.api.get(NotificationService).notify(notification);
    await eventually(async () => expect(partner.requests).toHaveLength(1));
    const [delivered] = partner.requests;
    expect(String(delivered.headers['webhook-signature']).split(' ')).toHaveLength(2);
    // A partner still on the old secret and one already on the new one both accept it.
    expect(verifiedEvent(secret, delivered).id).toBe(notification.id);
    expect(verifiedEvent(next, delivered).id).toBe(notification.id);

    // Captured and replayed ten minutes later: the signed timestamp is too old for the receiver,
    // and rewriting the timestamp to look fresh breaks the signature instead.
    const later = Date.now() + 10 * 60_000;
    const refreshed = {
      ...delivered,
      headers: { ...delivered.headers, 'webhook-timestamp': String(Math.floor(later / 1000)) },
    };
    const clock = jest.spyOn(Date, 'now').mockReturnValue(later);
    try {
      expect(() => verifiedEvent(next, delivered)).toThrow('Message timestamp too old');
      expect(() => verifiedEvent(next, refreshed)).toThrow('No matching signature found');
    } finally {
      clock.mockRestore();
    }
    secret = next;
  });

  it('sends only the event kinds a subscription asks for', async () => {
    const partner = await receiver(() => 200);
    await setWebhook({ url: partner.url, eventKinds: ['case.closed'] }).expect(200);
    const ignored = event({ kind: 'task.returned' });
    const wanted = event({ kind: 'case.closed' });
    const notifications = stack.api.get(NotificationService);
    await notifications.notify(ignored);
    await notifications.notify(wanted);

    await eventually(async () => {
      expect(await deliveriesOf(wanted.id)).toEqual([
        expect.objectContaining({ status: 'delivered' }),
      ]);
    });
    // Once the ignored event's in-app notification exists its fan-out has run: it made no delivery.
    const me = await stack
      .http()
      .get('/auth/me')
      .set('Authorization', await stack.bearer(`${ORGANISATION}.medewerker`))
      .expect(200);
    await eventually(async () => {
      const inbox = await stack.api
        .get(NotificationRepository)
        .listForRecipient(me.body.id, { unreadOnly: false, limit: 50 });
      expect(inbox.map(({ eventId }) => eventId)).toContain(ignored.id);
    });
    expect(await deliveriesOf(ignored.id)).toEqual([]);
    expect(partner.requests.map((request) => verifiedEvent(secret, request).type)).toEqual([
      'nl.schakel.case.closed',
    ]);
  });

  it('keeps events while no worker runs, and a stopping worker finishes the delivery in flight', async () => {
    let requestArrived: () => void = () => undefined;
    const partnerSaw = new Promise<void>((resolve) => (requestArrived = resolve));
    const partner = await receiver(() => 200, { delayMs: 500, onRequest: () => requestArrived() });
    await setWebhook({ url: partner.url }).expect(200);

    await stack.stopWorker();
    const notification = event({ kind: 'escalation.raised' });
    await stack.api.get(NotificationService).notify(notification);
    expect(await deliveriesOf(notification.id)).toEqual([]);

    await stack.startWorker();
    await partnerSaw;
    // Closing the app closes the BullMQ workers, which wait for their running jobs.
    await stack.stopWorker();
    expect(await deliveriesOf(notification.id)).toEqual([
      expect.objectContaining({ status: 'delivered', attempts: 1 }),
    ]);
  });
});

import { randomUUID } from 'node:crypto';
import type { NotificationEvent } from '@schakel/contracts';
import { NotificationRepository } from '@schakel/database';
import { NotificationService, verifyWebhookSignature } from '@schakel/queue';
import { DataSource } from 'typeorm';
import { eventually } from './support/eventually';
import { isolatedRedisPrefix, removeNotificationQueues } from './support/notification-queues';
import { startTestStack, type TestStack } from './support/test-stack';
import {
  startWebhookReceiver,
  unreachableUrl,
  type WebhookReceiver,
} from './support/webhook-receiver';

const ORGANISATION = 'woningcorporatie';
const OTHER_ORGANISATION = 'gemeente';
const SECRET = 'woningcorporatie-webhook-secret';
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
  const receivers: WebhookReceiver[] = [];

  const event = (overrides: Partial<NotificationEvent> = {}): NotificationEvent => ({
    id: `case-${randomUUID()}:task.assigned:signaal:1`,
    kind: 'task.assigned',
    organisationIds: [ORGANISATION],
    title: 'Nieuwe taak: signaal beoordelen',
    body: 'Er is een signaal van betalingsachterstand binnengekomen.',
    caseId: 'case-webhook-test',
    payload: { taskKey: 'signaal', dueOn: '2025-03-17' },
    ...overrides,
  });

  const setWebhook = (body: Record<string, unknown>, as = admin, organisation = ORGANISATION) =>
    stack.http().put(`/organisations/${organisation}/webhook`).set('Authorization', as).send(body);

  async function deliveriesOf(eventId: string, as = admin): Promise<Delivery[]> {
    const response = await stack
      .http()
      .get('/webhook-deliveries')
      .query({ organisationId: ORGANISATION, limit: 200 })
      .set('Authorization', as)
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
      },
    });
    admin = await stack.bearer('admin');
  });

  afterAll(async () => {
    await stack.http().delete(`/organisations/${ORGANISATION}/webhook`).set('Authorization', admin);
    await removeNotificationQueues(stack.api);
    await stack.close();
    await Promise.all(receivers.map((started) => started.close()));
  });

  describe('configuration', () => {
    it('refuses a URL that is not http(s) and a short secret, naming both fields', async () => {
      const response = await setWebhook({ url: 'ftp://partner.example.nl/hook', secret: 'short' });
      expect(response.status).toBe(400);
      const fields = (response.body.errors as { field: string }[]).map(({ field }) => field);
      expect(new Set(fields)).toEqual(new Set(['url', 'secret']));
    });

    it('refuses an unknown event kind', async () => {
      const response = await setWebhook({
        url: 'https://partner.example.nl/hook',
        secret: SECRET,
        eventKinds: ['task.exploded'],
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'eventKinds' })]);
    });

    it('answers 404 for an unknown organisation', async () => {
      const response = await setWebhook(
        { url: 'https://partner.example.nl/hook', secret: SECRET },
        admin,
        'no-such-organisation',
      );
      expect(response.status).toBe(404);
      expect(response.body.message).toBe('Organisation no-such-organisation not found');
    });

    it('lets only an admin set a webhook', async () => {
      const caseworker = await stack.bearer(`${ORGANISATION}.medewerker`);
      await setWebhook(
        { url: 'https://partner.example.nl/hook', secret: SECRET },
        caseworker,
      ).expect(403);
    });

    it('never shows the secret; a caseworker reads only their own organisation’s webhook', async () => {
      const saved = await setWebhook({
        url: 'https://partner.example.nl/hook',
        secret: SECRET,
      }).expect(200);
      expect(saved.body).toMatchObject({
        organisationId: ORGANISATION,
        url: 'https://partner.example.nl/hook',
        secretHint: `…${SECRET.slice(-4)}`,
        active: true,
        eventKinds: null,
      });
      expect(JSON.stringify(saved.body)).not.toContain(SECRET);

      const own = await stack.bearer(`${ORGANISATION}.medewerker`);
      const read = await stack
        .http()
        .get(`/organisations/${ORGANISATION}/webhook`)
        .set('Authorization', own)
        .expect(200);
      expect(read.body.secretHint).toBe(`…${SECRET.slice(-4)}`);

      const other = await stack.bearer(`${OTHER_ORGANISATION}.medewerker`);
      await stack
        .http()
        .get(`/organisations/${ORGANISATION}/webhook`)
        .set('Authorization', other)
        .expect(404);
    });
  });

  it('retries a receiver that fails twice: three attempts, a valid signature, one delivery', async () => {
    const partner = await receiver((n) => (n <= 2 ? 500 : 200));
    await setWebhook({ url: partner.url, secret: SECRET }).expect(200);
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
    for (const { headers, body } of partner.requests) {
      expect(verifyWebhookSignature(body, SECRET, headers['x-schakel-signature'] as string)).toBe(
        true,
      );
      expect(headers).toMatchObject({
        'content-type': 'application/json',
        'x-schakel-event': 'task.assigned',
        'x-schakel-delivery': delivery.id,
        'x-schakel-timestamp': expect.stringMatching(/^\d{10}$/),
      });
      expect(JSON.parse(body)).toEqual({
        id: notification.id,
        kind: 'task.assigned',
        occurredAt: expect.any(String),
        organisationId: ORGANISATION,
        caseId: 'case-webhook-test',
        data: { taskKey: 'signaal', dueOn: '2025-03-17' },
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
    await setWebhook({ url: await unreachableUrl(), secret: SECRET }).expect(200);
    const notification = event({ kind: 'task.overdue' });
    await stack.api.get(NotificationService).notify(notification);

    const [failed] = await eventually(async () => {
      const found = await deliveriesOf(notification.id);
      expect(found).toEqual([expect.objectContaining({ status: 'failed' })]);
      return found;
    });
    expect(failed).toMatchObject({ attempts: MAX_ATTEMPTS, lastStatusCode: null });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);

    // Listed among failed deliveries, for the admin and for the organisation's own caseworker only.
    const failedList = await stack
      .http()
      .get('/webhook-deliveries?status=failed')
      .set('Authorization', admin)
      .expect(200);
    expect(failedList.body.items.map((item: Delivery) => item.id)).toContain(failed.id);
    expect(failedList.body.items[0]).not.toHaveProperty('payload');
    const own = await stack.bearer(`${ORGANISATION}.collega`);
    expect((await deliveriesOf(notification.id, own)).map(({ id }) => id)).toEqual([failed.id]);
    const other = await stack.bearer(`${OTHER_ORGANISATION}.medewerker`);
    await stack
      .http()
      .get(`/webhook-deliveries?organisationId=${ORGANISATION}`)
      .set('Authorization', other)
      .expect(404);
    const otherOwn = await stack
      .http()
      .get('/webhook-deliveries')
      .set('Authorization', other)
      .expect(200);
    expect(otherOwn.body.items.map((item: Delivery) => item.id)).not.toContain(failed.id);

    // Only an admin retries.
    await stack
      .http()
      .post(`/webhook-deliveries/${failed.id}/retry`)
      .set('Authorization', own)
      .expect(403);

    const partner = await receiver(() => 204);
    await setWebhook({ url: partner.url, secret: SECRET }).expect(200);
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
    const { headers, body } = partner.requests[0];
    expect(verifyWebhookSignature(body, SECRET, headers['x-schakel-signature'] as string)).toBe(
      true,
    );

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

  it('sends only the event kinds a subscription asks for', async () => {
    const partner = await receiver(() => 200);
    await setWebhook({ url: partner.url, secret: SECRET, eventKinds: ['case.closed'] }).expect(200);
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
    expect(partner.requests.map(({ headers }) => headers['x-schakel-event'])).toEqual([
      'case.closed',
    ]);
  });

  it('keeps events while no worker runs, and a stopping worker finishes the delivery in flight', async () => {
    let requestArrived: () => void = () => undefined;
    const partnerSaw = new Promise<void>((resolve) => (requestArrived = resolve));
    const partner = await receiver(() => 200, { delayMs: 500, onRequest: () => requestArrived() });
    await setWebhook({ url: partner.url, secret: SECRET }).expect(200);

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

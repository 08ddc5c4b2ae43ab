import { randomUUID } from 'node:crypto';
import type { NotificationEvent } from '@schakel/contracts';
import { UserRepository } from '@schakel/database';
import { InvalidNotificationEventError, NotificationService } from '@schakel/queue';
import { eventually } from './support/eventually';
import { isolatedRedisPrefix, removeNotificationQueues } from './support/notification-queues';
import { startTestStack, type TestStack } from './support/test-stack';

const ORGANISATION = 'gemeente';

interface Notification {
  id: string;
  kind: string;
  title: string;
  caseId: string | null;
  payload: Record<string, unknown>;
  readAt: string | null;
}

describe('in-app notifications', () => {
  let stack: TestStack;
  let notifications: NotificationService;
  const tokens = new Map<string, string>();

  const bearer = async (username: string): Promise<string> => {
    if (!tokens.has(username)) tokens.set(username, await stack.bearer(username));
    return tokens.get(username) as string;
  };

  const event = (overrides: Partial<NotificationEvent> = {}): NotificationEvent => ({
    id: `case-${randomUUID()}:task.assigned:intake:1`,
    kind: 'task.assigned',
    organisationIds: [ORGANISATION],
    title: 'Nieuwe taak: melding beoordelen',
    body: 'Een inwoner heeft een Wmo-melding gedaan.',
    caseId: 'case-inbox-test',
    payload: { taskKey: 'melding' },
    ...overrides,
  });

  async function inbox(username: string, query: Record<string, string | number> = {}) {
    const response = await stack
      .http()
      .get('/notifications')
      .query(query)
      .set('Authorization', await bearer(username))
      .expect(200);
    return response.body as {
      items: Notification[];
      nextCursor: string | null;
      unreadCount: number;
    };
  }

  /** Waits until the user's inbox holds the event's notification (written by the worker). */
  const arrived = (username: string, title: string) =>
    eventually(async () => {
      const found = (await inbox(username, { limit: 100 })).items.filter(
        (item) => item.title === title,
      );
      expect(found).toHaveLength(1);
      return found[0];
    });

  beforeAll(async () => {
    stack = await startTestStack({ environment: { REDIS_PREFIX: isolatedRedisPrefix() } });
    notifications = stack.api.get(NotificationService);
  });

  afterAll(async () => {
    await removeNotificationQueues(stack.api);
    await stack.close();
  });

  it('reaches every user of the organisation once, however often the event is sent', async () => {
    const title = `Organisatiebreed ${randomUUID()}`;
    const sent = event({ title });
    await notifications.notify(sent);
    await notifications.notify(sent);

    for (const username of [`${ORGANISATION}.medewerker`, `${ORGANISATION}.collega`]) {
      const notification = await arrived(username, title);
      expect(notification).toMatchObject({
        kind: 'task.assigned',
        caseId: 'case-inbox-test',
        payload: { taskKey: 'melding' },
        readAt: null,
      });
    }
    const regisseur = await inbox('regisseur', { limit: 100 });
    expect(regisseur.items.map((item) => item.title)).not.toContain(title);
  });

  it('reaches only the named users, plus users with the named chain-wide roles', async () => {
    const medewerker = await stack.api
      .get(UserRepository)
      .findByUsername(`${ORGANISATION}.medewerker`);
    const title = `Persoonlijk ${randomUUID()}`;
    await notifications.notify(
      event({ kind: 'escalation.raised', title, userIds: [medewerker!.id], roles: ['regisseur'] }),
    );

    await arrived(`${ORGANISATION}.medewerker`, title);
    await arrived('regisseur', title);
    const colleague = await inbox(`${ORGANISATION}.collega`, { limit: 100 });
    expect(colleague.items.map((item) => item.title)).not.toContain(title);
  });

  it('refuses a malformed event before it is queued', async () => {
    await expect(notifications.notify(event({ id: '', organisationIds: [] }))).rejects.toThrow(
      InvalidNotificationEventError,
    );
  });

  it('pages newest first with a cursor, filters unread, and marks read', async () => {
    const username = `${ORGANISATION}.collega`;
    const titles = [1, 2, 3].map((n) => `Pagina ${n} ${randomUUID()}`);
    for (const title of titles) {
      await notifications.notify(event({ title }));
      await arrived(username, title); // one by one, so their order is known
    }

    const first = await inbox(username, { limit: 2 });
    expect(first.items.map((item) => item.title)).toEqual([titles[2], titles[1]]);
    expect(first.nextCursor).toBe(first.items[1].id);
    const second = await inbox(username, { limit: 2, cursor: first.nextCursor as string });
    expect(second.items[0].title).toBe(titles[0]);

    const before = await inbox(username);
    const target = first.items[0];
    const read = await stack
      .http()
      .post(`/notifications/${target.id}/read`)
      .set('Authorization', await bearer(username))
      .expect(200);
    expect(read.body).toMatchObject({ id: target.id, readAt: expect.any(String) });
    const again = await stack
      .http()
      .post(`/notifications/${target.id}/read`)
      .set('Authorization', await bearer(username))
      .expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);

    const after = await inbox(username, { unread: 'true', limit: 100 });
    expect(after.unreadCount).toBe(before.unreadCount - 1);
    expect(after.items.map((item) => item.id)).not.toContain(target.id);
    expect(after.items.every((item) => item.readAt === null)).toBe(true);

    const all = await stack
      .http()
      .post('/notifications/read-all')
      .set('Authorization', await bearer(username))
      .expect(200);
    expect(all.body.marked).toBe(after.unreadCount);
    expect(await inbox(username, { unread: 'true' })).toEqual({
      items: [],
      nextCursor: null,
      unreadCount: 0,
    });
  });

  it("answers 404 for someone else's notification and leaves it unread", async () => {
    const title = `Niet van jou ${randomUUID()}`;
    await notifications.notify(event({ title }));
    const theirs = await arrived(`${ORGANISATION}.medewerker`, title);

    const response = await stack
      .http()
      .post(`/notifications/${theirs.id}/read`)
      .set('Authorization', await bearer('woningcorporatie.medewerker'))
      .expect(404);
    expect(response.body.message).toBe(`Notification ${theirs.id} not found`);
    expect((await arrived(`${ORGANISATION}.medewerker`, title)).readAt).toBeNull();
  });

  it.each([
    ['a limit above the maximum', { limit: 1000 }, 'limit'],
    ['a cursor that is no id', { cursor: 'page-2' }, 'cursor'],
    ['an unread flag that is no boolean', { unread: 'yes' }, 'unread'],
  ])('answers 400 to %s', async (_, query, field) => {
    const response = await stack
      .http()
      .get('/notifications')
      .query(query)
      .set('Authorization', await bearer(`${ORGANISATION}.medewerker`))
      .expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
  });

  it('needs a token', async () => {
    await stack.http().get('/notifications').expect(401);
  });
});

import { randomUUID } from 'node:crypto';
import { EmailQueue } from '@schakel/queue';
import { DataSource } from 'typeorm';
import { CaseDriver } from './support/case-driver';
import { eventually } from './support/eventually';
import { isolatedRedisPrefix, removeNotificationQueues } from './support/notification-queues';
import { startSmtpReceiver, type SmtpReceiver } from './support/smtp-receiver';
import { startTestStack, type TestStack } from './support/test-stack';
import {
  startWebhookReceiver,
  verifiedEvent,
  type WebhookReceiver,
} from './support/webhook-receiver';

const CONSOLE = 'https://schakel.test.example.nl/app';
const PARTNERS = ['gemeente', 'kredietbank', 'woningcorporatie', 'maatschappelijk-werk'];
/** Planted in the case data: it must never reach a webhook, an e-mail or an in-app notification. */
const MARKER = `MARKER-${randomUUID()}`;

interface Partner {
  receiver: WebhookReceiver;
  secret: string;
}

interface NotificationRow {
  event_id: string;
  kind: string;
  recipient: string;
  organisation_id: string | null;
  payload: Record<string, unknown>;
}

describe('every handover tells the receiving organisation: in-app, webhook, e-mail', () => {
  let stack: TestStack;
  let driver: CaseDriver;
  let smtp: SmtpReceiver;
  let admin: string;
  const partners = new Map<string, Partner>();

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    stack = await startTestStack({
      environment: {
        REDIS_PREFIX: isolatedRedisPrefix(),
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
        WEBHOOK_BACKOFF_BASE_MS: '50',
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Schakel <noreply@schakel.test.example.nl>',
        PUBLIC_BASE_URL: 'https://schakel.test.example.nl',
        CONSOLE_BASE_URL: CONSOLE,
      },
    });
    driver = new CaseDriver(stack);
    admin = await stack.bearer('admin');
    for (const organisation of PARTNERS) {
      const receiver = await startWebhookReceiver(() => 204);
      const saved = await stack
        .http()
        .put(`/organisations/${organisation}/webhook`)
        .set('Authorization', admin)
        .send({ url: receiver.url, eventKinds: ['task.opened', 'task.returned', 'case.closed'] })
        .expect(200);
      partners.set(organisation, { receiver, secret: saved.body.secret });
    }
    // Kredietbank's team mailbox wants every notification at once; a social worker wants hers
    // at once too; the municipality's mailbox reads a daily digest.
    await stack
      .http()
      .put('/organisations/kredietbank/notification-email')
      .set('Authorization', admin)
      .send({ address: 'team@kredietbank.example.nl', mode: 'immediate' })
      .expect(200);
    await stack
      .http()
      .put('/notifications/email')
      .set('Authorization', await driver.as('maatschappelijk-werk.medewerker'))
      .send({ address: 'a.jansen@maatschappelijk-werk.example.nl', mode: 'immediate' })
      .expect(200);
    await stack
      .http()
      .put('/organisations/gemeente/notification-email')
      .set('Authorization', admin)
      .send({ address: 'wijkteam@gemeente.example.nl', mode: 'daily' })
      .expect(200);
  });

  afterAll(async () => {
    for (const organisation of PARTNERS) {
      await stack
        .http()
        .delete(`/organisations/${organisation}/webhook`)
        .set('Authorization', admin);
    }
    for (const path of ['kredietbank', 'gemeente']) {
      await stack
        .http()
        .delete(`/organisations/${path}/notification-email`)
        .set('Authorization', admin);
    }
    await removeNotificationQueues(stack.api);
    await stack.close();
    await Promise.all([...partners.values()].map(({ receiver }) => receiver.close()));
    await smtp.close();
  });

  it('refuses a bad e-mail setting, naming the field', async () => {
    const response = await stack
      .http()
      .put('/notifications/email')
      .set('Authorization', await driver.as('gemeente.medewerker'))
      .send({ address: 'not-an-address', mode: 'hourly' });
    expect(response.status).toBe(400);
    expect(
      new Set((response.body.errors as { field: string }[]).map(({ field }) => field)),
    ).toEqual(new Set(['address', 'mode']));
  });

  it('a case through four organisations: one notification per organisation per handover', async () => {
    const opened = await driver.open('woningcorporatie.medewerker', {
      chainId: 'vroegsignalering-schuldhulp',
      category: 'arrears-signal',
      clientQuestion: `Huurachterstand ${MARKER}`,
      clientReference: 'KP-HANDOVER-01',
      data: {
        'client-name': `J. ${MARKER}`,
        'contact-address': 'Dorpsstraat 1, Middenstad',
        'amount-owed': 1850,
        'days-in-arrears': 64,
        'reminder-sent': true,
        'signal-source': 'housing',
      },
    });
    const caseId = opened.case.id;
    // The inbox links the new task and says it is the reader's; once done, it says it no longer is.
    const matchingNotice = async () =>
      eventually(async () => {
        const inbox = await driver.get('gemeente.collega', '/notifications?limit=100');
        const found = (
          inbox.body.items as {
            kind: string;
            caseId: string;
            taskId: string;
            taskIsYours: boolean;
          }[]
        ).filter((item) => item.caseId === caseId && item.kind === 'task.opened');
        expect(found.length).toBeGreaterThan(0);
        return found[found.length - 1];
      });
    const before = await matchingNotice();
    expect(before).toMatchObject({ taskId: expect.any(String), taskIsYours: true });
    const steps: [string, string, string, Record<string, unknown>][] = [
      ['gemeente', 'matching', 'triaged', { crisis: false }],
      ['gemeente', 'outreach', 'reached', { 'contact-channel': 'phone' }],
      ['kredietbank', 'first-conversation', 'accepted', { 'help-accepted': true }],
      ['woningcorporatie', 'feedback', 'acknowledged', {}],
      ['gemeente', 'access-decision', 'granted', { 'debt-total': 5000 }],
      ['kredietbank', 'stabilisation', 'stable', { 'income-stable': true }],
      ['kredietbank', 'creditors', 'done', { 'creditor-agreement': true }],
      [
        'gemeente',
        'income-administration',
        'set-up',
        { 'income-administration-start': '2026-12-01' },
      ],
      ['maatschappelijk-werk', 'aftercare', 'completed', {}],
    ];
    for (const [organisation, stepId, outcome, data] of steps) {
      await driver.complete(`${organisation}.medewerker`, caseId, stepId, outcome, data);
    }

    expect(await matchingNotice()).toMatchObject({ taskId: before.taskId, taskIsYours: false });

    // The handovers the case made, as the read side recorded them: who received which task.
    const dataSource = stack.api.get(DataSource);
    const tasks = await dataSource.query<{ id: string; step_id: string; partner_id: string }[]>(
      'SELECT id, step_id, partner_id FROM tasks WHERE case_id = $1 ORDER BY opened_at, task_key',
      [caseId],
    );
    expect(tasks.map((task) => `${task.step_id}@${task.partner_id}`)).toEqual([
      'matching@gemeente',
      'outreach@gemeente',
      'first-conversation@kredietbank',
      'feedback@woningcorporatie',
      'access-decision@gemeente',
      'stabilisation@kredietbank',
      'creditors@kredietbank',
      'income-administration@gemeente',
      'aftercare@maatschappelijk-werk',
    ]);

    // In-app: each task.opened reached the two demo caseworkers of the receiving organisation
    // once each (people other test files add to an organisation get it too), and linked the task.
    const rows = await eventually(async () => {
      const found = await dataSource.query<NotificationRow[]>(
        `SELECT n.event_id, n.kind, u.username AS recipient, n.organisation_id, n.payload
         FROM notifications n JOIN users u ON u.id = n.recipient_id
         WHERE n.case_id = $1 AND n.kind IN ('task.opened', 'case.closed')
           AND (u.username LIKE '%.medewerker' OR u.username LIKE '%.collega')`,
        [caseId],
      );
      expect(found.filter((row) => row.kind === 'task.opened')).toHaveLength(tasks.length * 2);
      expect(found.filter((row) => row.kind === 'case.closed')).toHaveLength(PARTNERS.length * 2);
      return found;
    });
    for (const task of tasks) {
      const about = rows.filter(
        (row) => row.kind === 'task.opened' && row.payload.taskId === task.id,
      );
      expect(about.map((row) => row.recipient).sort()).toEqual([
        `${task.partner_id}.collega`,
        `${task.partner_id}.medewerker`,
      ]);
      expect(new Set(about.map((row) => row.event_id)).size).toBe(1);
    }
    expect(JSON.stringify(rows)).not.toContain(MARKER);

    // Webhooks: each organisation received exactly one valid, signed CloudEvent per handover to
    // it, and one for the end of the case.
    for (const organisation of PARTNERS) {
      const { receiver, secret } = partners.get(organisation) as Partner;
      const own = tasks.filter((task) => task.partner_id === organisation);
      const events = await eventually(async () => {
        const received = receiver.requests.map((request) => verifiedEvent(secret, request));
        const ofCase = received.filter((event) => event.data?.caseId === caseId);
        expect(ofCase).toHaveLength(own.length + 1);
        return ofCase;
      });
      expect(events.map((event) => event.subject).sort()).toEqual(
        [...own.map((task) => `tasks/${task.id}`), `cases/${caseId}`].sort(),
      );
      for (const event of events.filter(
        (candidate) => candidate.type === 'nl.schakel.task.opened',
      )) {
        expect(event.source).toBe(
          'https://schakel.test.example.nl/chains/vroegsignalering-schuldhulp',
        );
        expect(event.data?.links).toEqual({ task: `${CONSOLE}/${event.subject}` });
        expect(event.dataref).toBe(`https://schakel.test.example.nl/${event.subject}`);
      }
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
      expect(receiver.requests.map(({ body }) => body).join()).not.toContain(MARKER);
    }

    // E-mail: kredietbank's mailbox got one e-mail per handover to kredietbank (and one for the
    // end), the social worker one for hers; each links to the task and holds no case data.
    const kredietbankTasks = tasks.filter((task) => task.partner_id === 'kredietbank');
    const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address));
    const teamMails = await eventually(async () => {
      const found = mailsTo('team@kredietbank.example.nl');
      expect(found).toHaveLength(kredietbankTasks.length + 1);
      return found;
    });
    for (const task of kredietbankTasks) {
      expect(
        teamMails.filter((mail) => mail.text.includes(`${CONSOLE}/tasks/${task.id}`)),
      ).toHaveLength(1);
    }
    const [aftercare] = tasks.filter((task) => task.step_id === 'aftercare');
    const personal = await eventually(async () => {
      const found = mailsTo('a.jansen@maatschappelijk-werk.example.nl');
      expect(found).toHaveLength(2); // her task, and the end of the case
      return found;
    });
    expect(
      personal.filter((mail) => mail.text.includes(`${CONSOLE}/tasks/${aftercare.id}`)),
    ).toHaveLength(1);
    expect(personal[0].subject).toBe('Schakel: Nieuwe taak: Nazorg');
    for (const mail of smtp.mails) {
      expect(mail.raw).not.toContain(MARKER);
      expect(mail.raw).not.toContain('Dorpsstraat');
      expect(mail.raw).not.toContain('1850');
    }

    // The municipality's mailbox reads a digest: nothing until it runs, then one e-mail with all.
    expect(smtp.mails.filter((mail) => mail.to.includes('wijkteam@gemeente.example.nl'))).toEqual(
      [],
    );
    await stack.api.get(EmailQueue).enqueueDigest();
    const [digest] = await eventually(async () => {
      const found = smtp.mails.filter((mail) => mail.to.includes('wijkteam@gemeente.example.nl'));
      expect(found).toHaveLength(1);
      return found;
    });
    for (const task of tasks.filter((candidate) => candidate.partner_id === 'gemeente')) {
      expect(digest.text).toContain(`${CONSOLE}/tasks/${task.id}`);
    }
    expect(digest.raw).not.toContain(MARKER);
  });
});

import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { NotificationService } from '@schakel/queue';
import { CaseDriver } from './support/case-driver';
import { eventually } from './support/eventually';
import { isolatedRedisPrefix, removeNotificationQueues } from './support/notification-queues';
import { startTestStack, type TestStack } from './support/test-stack';

/** Every structured log line API and worker write, as parsed JSON and as the raw text. */
class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }

  entries(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  withMessage(message: string): Record<string, unknown>[] {
    return this.entries().filter((entry) => entry.msg === message);
  }
}

/**
 * A write PostgreSQL refuses on the value itself: a CHECK constraint, for the duration of one test,
 * against the marker in a column (a NUL used to do this, but the edge refuses that one now).
 */
async function refusingMarker<T>(
  stack: TestStack,
  table: string,
  column: string,
  marker: string,
  run: () => Promise<T>,
): Promise<T> {
  const db = stack.api.get(DataSource);
  const name = `log_test_${table}`;
  await db.query(
    `ALTER TABLE ${table} ADD CONSTRAINT ${name} CHECK (${column} NOT LIKE '%${marker}%') NOT VALID`,
  );
  try {
    return await run();
  } finally {
    await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
  }
}

/**
 * Failing database writes carrying a marker string, in the API, in a worker's Temporal activity
 * and in a BullMQ processor: the failures are logged (code, table, ids) and the marker is not.
 */
describe('logs without personal data', () => {
  const logs = new LogCapture();
  const marker = `Log-Marker-${randomUUID()}`;
  let stack: TestStack;
  let driver: CaseDriver;

  beforeAll(async () => {
    stack = await startTestStack({
      logs,
      environment: { REDIS_PREFIX: isolatedRedisPrefix(), LOG_LEVEL: 'info' },
    });
    driver = new CaseDriver(stack);
  });
  afterAll(async () => {
    await removeNotificationQueues(stack.api);
    await stack.close();
  });
  afterEach(() => {
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.lines.filter((line) => line.includes(marker))).toEqual([]);
  });

  const intake = (clientName: string) => ({
    chainId: 'vroegsignalering-schuldhulp',
    category: 'arrears-signal',
    clientQuestion: 'Huurachterstand.',
    clientReference: `KP-LOG-${randomUUID().slice(0, 8)}`,
    data: {
      'client-name': clientName,
      'contact-address': 'Logstraat 1',
      'amount-owed': 900,
      'days-in-arrears': 50,
      'reminder-sent': true,
      'signal-source': 'housing',
    },
  });

  it('API: a refused note insert is logged by request id and SQLSTATE, without the value', async () => {
    const { case: opened } = await driver.open('woningcorporatie.medewerker', intake('N. Otitie'));
    const author = await driver.as('woningcorporatie.medewerker');
    const response = await refusingMarker(stack, 'case_events', 'details::text', marker, () =>
      stack
        .http()
        .post(`/cases/${opened.id}/notes?note=${marker}`)
        .set('Authorization', author)
        .send({ text: `Notitie ${marker}` })
        .expect(500),
    );
    const [logged] = await eventually(async () => {
      const found = logs
        .withMessage('Unhandled error')
        .filter((entry) => entry.requestId === response.body.requestId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(logged).toEqual(
      expect.objectContaining({
        path: `/cases/${opened.id}/notes?note`,
        err: expect.objectContaining({ type: 'QueryFailedError', code: expect.any(String) }),
      }),
    );
    const completed = logs
      .entries()
      .find((entry) => entry.requestId === response.body.requestId && 'res' in entry);
    expect(completed).toEqual(
      expect.objectContaining({
        req: expect.objectContaining({ url: `/cases/${opened.id}/notes?note` }),
      }),
    );
  });

  it('worker: a failing projection write in a case activity is logged without the value', async () => {
    const { case: opened } = await driver.open('woningcorporatie.medewerker', intake('L. Ogger'));
    await driver.complete('gemeente.medewerker', opened.id, 'matching', 'triaged', {
      crisis: false,
    });
    await driver.complete('gemeente.medewerker', opened.id, 'outreach', 'reached', {
      'contact-channel': 'phone',
    });
    const task = await driver.task('kredietbank.medewerker', opened.id, 'first-conversation');
    expect((await driver.post('kredietbank.medewerker', `/tasks/${task.id}/claim`)).status).toBe(
      200,
    );
    // The read side refuses the completion for good: the workflow does not make it (422).
    const refused = await refusingMarker(stack, 'case_events', 'details::text', marker, () =>
      driver.post('kredietbank.medewerker', `/tasks/${task.id}/complete`, {
        outcome: 'accepted',
        data: { 'help-accepted': true, 'household-situation': `Situatie ${marker}` },
      }),
    );
    expect(refused.status).toBe(422);
    const [failed] = await eventually(
      async () => {
        const found = logs.withMessage('The read side refused a projection');
        expect(found.length).toBeGreaterThan(0);
        return found;
      },
      { timeoutMs: 60_000 },
    );
    expect(failed).toEqual(
      expect.objectContaining({ code: '23514', constraint: 'log_test_case_events' }),
    );
  });

  it('BullMQ: a notification the database refuses is logged by queue, job and code', async () => {
    const eventId = `log-test:${randomUUID()}`;
    const [failed] = await refusingMarker(stack, 'notifications', 'title', marker, async () => {
      await stack.api.get(NotificationService).notify({
        id: eventId,
        kind: 'task.assigned',
        organisationIds: ['gemeente'],
        title: `Taak ${marker}`,
        body: 'Een taak voor jullie organisatie',
      });
      return eventually(
        async () => {
          const found = logs.withMessage('Job failed; BullMQ will retry it');
          expect(found.length).toBeGreaterThan(0);
          return found;
        },
        { timeoutMs: 30_000 },
      );
    });
    expect(failed).toEqual(
      expect.objectContaining({
        queue: expect.any(String),
        jobId: expect.stringContaining(encodeURIComponent(eventId)),
        err: expect.objectContaining({ type: 'QueryFailedError', code: expect.any(String) }),
      }),
    );
  });
});

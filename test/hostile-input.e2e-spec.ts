import { Client as TemporalClient } from '@temporalio/client';
import { SignJWT } from 'jose';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { parse } from 'yaml';
import { DEVELOPMENT_JWT_SECRET } from '@schakel/config';
import { caseWorkflowId, returnTaskUpdate, type Actor } from '@schakel/contracts';
import { CaseDriver } from './support/case-driver';
import { startTestStack, type TestStack } from './support/test-stack';
import { REPOSITORY_ROOT, TEST_DATABASE_URL } from './support/test-environment';
import { eventually } from './support/eventually';

const NUL = '\u0000';

const intake = (reference: string, overrides: Record<string, unknown> = {}) => ({
  chainId: 'vroegsignalering-schuldhulp',
  category: 'arrears-signal',
  clientQuestion: 'Huurachterstand van twee maanden; wil hulp.',
  clientReference: reference,
  data: {
    'client-name': 'A. Jansen',
    'contact-address': 'Kerkstraat 2, Middenstad',
    'amount-owed': 900,
    'days-in-arrears': 45,
    'reminder-sent': true,
    'signal-source': 'housing',
  },
  ...overrides,
});

/** JSON text of objects nested `levels` deep (built as text: JSON.stringify itself would overflow). */
const nestedJson = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

interface ErrorResponse {
  status: number;
  body: { message: string; errors?: { field: string; reason: string }[] };
}

/** A 4xx whose body names the field (in `errors` or the message). */
function expectRefused(response: ErrorResponse, status: number, field: string): void {
  expect({ status: response.status, message: response.body.message }).toEqual({
    status,
    message: expect.stringContaining(field),
  });
}

describe('hostile input: refused with a 4xx naming the field, leaving no trace', () => {
  let stack: TestStack;
  let driver: CaseDriver;
  let db: Client;
  const casesWith = async (reference: string) =>
    Number(
      (
        await db.query<{ count: string }>(
          'SELECT count(*) FROM cases WHERE client_reference = $1',
          [reference],
        )
      ).rows[0]?.count,
    );

  /** Sends raw text as the admin, as a client would send a model document. */
  const sendRaw = async (path: string, contentType: string, body: string) =>
    stack
      .http()
      .post(path)
      .set('Authorization', await driver.as('admin'))
      .set('Content-Type', contentType)
      .send(body);

  beforeAll(async () => {
    stack = await startTestStack();
    driver = new CaseDriver(stack);
    db = new Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await stack.close();
  });

  describe('NUL and other control characters', () => {
    it.each([
      ['clientQuestion', intake('KP-NUL-Q', { clientQuestion: `Hulp${NUL} gevraagd` })],
      ['category', intake('KP-NUL-C', { category: `arrears${NUL}` })],
      [
        'data.client-name',
        intake('KP-NUL-D', { data: { ...intake('x').data, 'client-name': `A${NUL}` } }),
      ],
      [
        'data.bad\\u0000key',
        intake('KP-NUL-K', { data: { ...intake('x').data, [`bad${NUL}key`]: 1 } }),
      ],
    ])('intake with a NUL in %s: 400 naming it, no case stored', async (field, body) => {
      const response = await driver.post('woningcorporatie.medewerker', '/cases', body);
      expectRefused(response, 400, field);
      expect(response.body.message).toContain('U+0000');
      expect(await casesWith(body.clientReference)).toBe(0);
    });

    it('a NUL in a note, a return reason, completion data, a regisseur reason or a cancel reason: 400 and the workflow unchanged', async () => {
      const { case: opened } = await driver.open('woningcorporatie.medewerker', intake('KP-NUL-W'));
      const task = await driver.task('gemeente.medewerker', opened.id, 'matching');
      expect((await driver.post('gemeente.medewerker', `/tasks/${task.id}/claim`)).status).toBe(
        200,
      );
      const trace = () =>
        db.query(
          `SELECT (SELECT count(*) FROM case_events WHERE case_id = $1) AS events,
                  (SELECT json_agg(t ORDER BY t.id) FROM tasks t WHERE t.case_id = $1) AS tasks,
                  (SELECT status FROM cases WHERE id = $1) AS status`,
          [opened.id],
        );
      const before = (await trace()).rows;

      const refusals: [string, string, string, unknown][] = [
        ['gemeente.medewerker', `/cases/${opened.id}/notes`, 'text', { text: `a${NUL}b` }],
        [
          'gemeente.medewerker',
          `/tasks/${task.id}/return`,
          'reason',
          { reason: `Mist${NUL} iets` },
        ],
        [
          'gemeente.medewerker',
          `/tasks/${task.id}/complete`,
          'data.crisis',
          { outcome: 'triaged', data: { crisis: `no${NUL}` } },
        ],
        [
          'regisseur',
          `/cases/${opened.id}/tasks/${task.taskKey}/remind`,
          'reason',
          { reason: `Herinner${NUL}ing` },
        ],
        ['regisseur', `/cases/${opened.id}/cancel`, 'reason', { reason: `Weg\u001b[0m` }],
      ];
      for (const [user, path, field, body] of refusals) {
        expectRefused(await driver.post(user, path, body), 400, field);
      }
      expect((await trace()).rows).toEqual(before);
      // The case is not wedged: an action with text goes through.
      const completed = await driver.post('gemeente.medewerker', `/tasks/${task.id}/complete`, {
        outcome: 'triaged',
        data: { crisis: false },
      });
      expect(completed.status).toBe(200);
    });

    it("the workflow's own Update validator refuses a NUL that got past the API", async () => {
      const { case: opened } = await driver.open('woningcorporatie.medewerker', intake('KP-NUL-T'));
      const task = await driver.task('gemeente.medewerker', opened.id, 'matching');
      expect((await driver.post('gemeente.medewerker', `/tasks/${task.id}/claim`)).status).toBe(
        200,
      );
      const me = await driver.get('gemeente.medewerker', '/auth/me');
      const actor: Actor = {
        userId: me.body.id,
        role: 'caseworker',
        organisationId: me.body.organisationId,
      };
      const handle = stack.api.get(TemporalClient).workflow.getHandle(caseWorkflowId(opened.id));
      await expect(
        handle.executeUpdate(returnTaskUpdate, {
          args: [{ taskKey: task.taskKey, actor, reason: `Mist${NUL} iets` }],
        }),
      ).rejects.toMatchObject({
        cause: { type: 'Unprocessable', message: expect.stringContaining('reason') },
      });
      const events = await db.query(
        `SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'task.returned'`,
        [opened.id],
      );
      expect(events.rows[0]).toEqual({ n: 0 });
    });

    it('a NUL in a query or path parameter: 400 naming it', async () => {
      expectRefused(await driver.get('regisseur', '/cases?chainId=a%00b'), 400, 'query.chainId');
      expectRefused(await driver.get('admin', '/models/drafts/a%00b'), 400, 'path');
    });

    it('a NUL in a model draft: refused, no draft stored', async () => {
      const document = parse(
        readFileSync(join(REPOSITORY_ROOT, 'models/wmo-maatwerk.yaml'), 'utf8'),
      );
      document.chain = { ...document.chain, id: 'nul-chain', name: `Wmo${NUL}` };
      const model = JSON.stringify(document);
      const response = await sendRaw('/models/drafts', 'application/json', model);
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([
        expect.objectContaining({
          code: 'invalid-value',
          path: '/chain/name',
          message: expect.stringContaining('U+0000'),
        }),
      ]);
      const drafts = await db.query(`SELECT 1 FROM model_drafts WHERE chain_id = 'nul-chain'`);
      expect(drafts.rowCount).toBe(0);
    });
  });

  describe('size and nesting', () => {
    it('an intake with a 3,000,000-character field: 400 naming it, nothing stored', async () => {
      const body = intake('KP-HUGE-Q', { clientQuestion: 'x'.repeat(3_000_000) });
      expectRefused(
        await driver.post('woningcorporatie.medewerker', '/cases', body),
        400,
        'clientQuestion',
      );
      expect(await casesWith('KP-HUGE-Q')).toBe(0);
    });

    it('an intake with 1 MB of data: 400 naming data, nothing stored', async () => {
      const data = {
        ...intake('x').data,
        'client-name': 'y'.repeat(5000),
        extra: 'z'.repeat(1_000_000),
      };
      const response = await driver.post(
        'woningcorporatie.medewerker',
        '/cases',
        intake('KP-HUGE-D', { data }),
      );
      expectRefused(response, 400, 'data');
      expect(response.body.message).toMatch(/data\.extra is 1000000 characters long/);
      expect(await casesWith('KP-HUGE-D')).toBe(0);
    });

    it('a body over the limit: 413 in the common error shape', async () => {
      const response = await driver.post('woningcorporatie.medewerker', '/cases', {
        ...intake('KP-HUGE-B'),
        clientQuestion: 'x'.repeat(11 * 1024 * 1024),
      });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({
        statusCode: 413,
        message: expect.stringContaining('10485760 bytes'),
      });
    });

    it('a completion with data nested 5,000 levels: 400 naming the body, no stack overflow', async () => {
      const { case: opened } = await driver.open('woningcorporatie.medewerker', intake('KP-DEEP'));
      const task = await driver.task('gemeente.medewerker', opened.id, 'matching');
      const response = await stack
        .http()
        .post(`/tasks/${task.id}/complete`)
        .set('Authorization', await driver.as('gemeente.medewerker'))
        .set('Content-Type', 'application/json')
        .send(`{"outcome":"triaged","data":${nestedJson(5000)}}`);
      expectRefused(response, 400, 'body');
      expect(response.body.message).toContain('deeper than 16 levels');
    });
  });

  describe('parameters out of range', () => {
    it.each([
      ['regisseur', '/cases?offset=100000000000000000000', 'offset'],
      ['regisseur', '/escalations?offset=100000000000000000000', 'offset'],
      ['admin', '/audit-log?offset=100000000000000000000', 'offset'],
      ['admin', '/webhook-deliveries?offset=100000000000000000000', 'offset'],
      ['operations', '/kpis/lead-times?modelVersion=99999999999', 'modelVersion'],
      ['admin', '/models/vroegsignalering-schuldhulp/versions/99999999999', 'version'],
      ['admin', '/models/vroegsignalering-schuldhulp/diff?from=1&to=99999999999', 'to'],
      [
        'operations',
        '/exports/event-log.xes?chainId=vroegsignalering-schuldhulp&from=0001-01-01&to=2025-01-01',
        'from',
      ],
      ['gemeente.medewerker', '/tasks?dueBefore=0001-01-01', 'dueBefore'],
      ['operations', '/kpis/throughput?from=1996-01-01&to=9999-12-31&interval=day', 'from'],
      ['operations', '/kpis/throughput?from=2000-01-01&to=2024-12-31&interval=week', 'from'],
      ['operations', '/kpis/lead-times?from=1970-01-01&to=9999-12-31', 'from'],
    ])('%s GET %s: 400 naming %s', async (user, path, field) => {
      const started = Date.now();
      expectRefused(await driver.get(user, path), 400, field);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('a KPI period within the span is answered', async () => {
      const response = await driver.get(
        'operations',
        '/kpis/throughput?from=2025-01-01&to=2025-12-31&interval=day',
      );
      expect(response.status).toBe(200);
    });
  });

  describe('model documents', () => {
    it('checks the raw size before parsing: 413 naming the limit', async () => {
      const response = await sendRaw(
        '/models/validate',
        'application/json',
        `{"padding": "${'x'.repeat(1_100_000)}"}`,
      );
      expect(response.status).toBe(413);
      expect(response.body.message).toContain('1048576 bytes');
    });

    it('reads a 60 KB deeply nested JSON document as sent: a 4xx, not a pretty-printed 180 MB', async () => {
      const deep = `{"schemaVersion":1,"chain":${nestedJson(10_000)}}`;
      expect(deep.length).toBeLessThan(70_000);
      const started = Date.now();
      const response = await sendRaw('/models/drafts', 'application/json', deep);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it.each(['text/html', 'application/xml', 'multipart/form-data; boundary=x'])(
      'refuses %s with 415',
      async (type) => {
        const response = await sendRaw('/models/drafts', type, '<model/>');
        expect(response.status).toBe(415);
        expect(response.body.message).toContain('application/yaml');
      },
    );
  });

  it('a token whose subject is not a UUID: 401', async () => {
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject("1' OR '1'='1")
      .setIssuer('schakel')
      .setAudience('schakel-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET));
    const response = await stack.http().get('/cases').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(401);
    expect(response.body.message).toContain('subject');
  });

  describe('Idempotency-Key', () => {
    it.each([
      ['too long', 'k'.repeat(256)],
      ['empty', ''],
      ['not printable ASCII', 'sleutel-ë'],
    ])('%s: 400 naming the header, nothing stored', async (_name, key) => {
      const response = await stack
        .http()
        .post('/cases')
        .set('Authorization', await driver.as('woningcorporatie.medewerker'))
        .set('Idempotency-Key', key)
        .send(intake('KP-KEY-BAD'));
      expectRefused(response, 400, 'Idempotency-Key');
      expect(await casesWith('KP-KEY-BAD')).toBe(0);
    });

    it('a refusal echoing a control character in an unknown property is stored and replayed, not a 500', async () => {
      const { case: opened } = await driver.open(
        'woningcorporatie.medewerker',
        intake('KP-KEY-ECHO'),
      );
      const task = await driver.task('gemeente.medewerker', opened.id, 'matching');
      const body = { assigneeId: 'x', [`bad${NUL}\ud800`]: 1 };
      const path = `/tasks/${task.id}/assign`;
      const first = await driver.post('gemeente.medewerker', path, body, 'echo-1');
      expectRefused(first, 400, 'bad\\u0000\\uD800 should not exist');
      const again = await driver.post('gemeente.medewerker', path, body, 'echo-1');
      expect(again.status).toBe(400);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.message).toBe(first.body.message);
    });

    it('a key of 255 characters is accepted', async () => {
      const opened = await driver.open(
        'woningcorporatie.medewerker',
        intake('KP-KEY-255'),
        'k'.repeat(255),
      );
      expect(opened.case.id).toEqual(expect.any(String));
    });

    it('reused with another body (even for another chain): 422, and the first case alone', async () => {
      const first = await driver.post(
        'woningcorporatie.medewerker',
        '/cases',
        intake('KP-KEY-ONE'),
        'reuse-1',
      );
      expect(first.status).toBe(201);
      const replay = await driver.post(
        'woningcorporatie.medewerker',
        '/cases',
        intake('KP-KEY-ONE'),
        'reuse-1',
      );
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);

      const other = await driver.post(
        'woningcorporatie.medewerker',
        '/cases',
        intake('KP-KEY-TWO', { chainId: 'wmo-maatwerk', category: 'support-request' }),
        'reuse-1',
      );
      expect(other.status).toBe(422);
      expect(other.body.message).toContain('Idempotency-Key');
      expect(await casesWith('KP-KEY-TWO')).toBe(0);
      // Scoped to the caller: another user's key of the same name is another request.
      const colleague = await driver.post(
        'woningcorporatie.collega',
        '/cases',
        intake('KP-KEY-THREE'),
        'reuse-1',
      );
      expect(colleague.status).toBe(201);
    });

    it('while the first request is in flight: 409; afterwards the answer is replayed', async () => {
      const { case: opened } = await driver.open(
        'woningcorporatie.medewerker',
        intake('KP-KEY-FLY'),
      );
      const task = await driver.task('gemeente.medewerker', opened.id, 'matching');
      await stack.stopWorker();
      const first = driver.post('gemeente.medewerker', `/tasks/${task.id}/claim`, {}, 'fly-1');
      const pending = first.then((response) => response);
      await eventually(async () => {
        const rows = await db.query(`SELECT status FROM idempotency_keys WHERE key = 'fly-1'`);
        expect(rows.rows).toEqual([{ status: 'in-flight' }]);
      });
      const second = await driver.post(
        'gemeente.medewerker',
        `/tasks/${task.id}/claim`,
        {},
        'fly-1',
      );
      expect(second.status).toBe(409);
      expect(second.body.message).toContain('still being handled');
      await stack.startWorker();
      const answered = await pending;
      expect(answered.status).toBe(200);
      const replay = await driver.post(
        'gemeente.medewerker',
        `/tasks/${task.id}/claim`,
        {},
        'fly-1',
      );
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual(answered.body);
    });
  });
});

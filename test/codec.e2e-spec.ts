import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { caseWorkflowId } from '@schakel/contracts';
import { CaseDriver } from './support/case-driver';
import { REPOSITORY_ROOT, TEMPORAL_ADDRESS_FILE } from './support/test-environment';
import { startTestStack, type TestStack } from './support/test-stack';

const run = promisify(execFile);
const TEMPORAL_UI_ORIGIN = 'http://temporal-ui.test:8080';
const base64 = (text: string) => Buffer.from(text).toString('base64');
const fields = (body: { errors: { field: string }[] }) => [
  ...new Set(body.errors.map((problem) => problem.field)),
];

/**
 * Case data in Temporal's history is ciphertext for anyone reading it with the CLI or the UI; the
 * API's codec endpoint opens it, for an admin only.
 */
describe('Temporal payload encryption and the codec endpoint', () => {
  let stack: TestStack;
  let driver: CaseDriver;
  let codecEndpoint: string;
  const marker = `Codec-Marker-${randomUUID()}`;
  let workflowId: string;

  const temporalShow = async (...codec: string[]) => {
    const { stdout } = await run(
      join(REPOSITORY_ROOT, '.tools/bin/temporal'),
      [
        'workflow',
        'show',
        '--workflow-id',
        workflowId,
        '--address',
        readFileSync(TEMPORAL_ADDRESS_FILE, 'utf8'),
        '--namespace',
        'default',
        '--output',
        'json',
        ...codec,
      ],
      { maxBuffer: 32 * 1024 * 1024 },
    );
    // JSON output shows payload data as base64: decode every data field to search it.
    const data = [...stdout.matchAll(/"data": "([A-Za-z0-9+/=]+)"/g)].map(([, encoded]) =>
      Buffer.from(encoded, 'base64').toString('utf8'),
    );
    return [stdout, ...data].join('\n');
  };

  beforeAll(async () => {
    stack = await startTestStack({ environment: { TEMPORAL_UI_ORIGIN } });
    await stack.api.listen(0, '127.0.0.1');
    const { port } = stack.api.getHttpServer().address() as AddressInfo;
    codecEndpoint = `http://127.0.0.1:${port}/codec`;
    driver = new CaseDriver(stack);
    const { case: opened } = await driver.open('woningcorporatie.medewerker', {
      chainId: 'vroegsignalering-schuldhulp',
      category: 'arrears-signal',
      clientQuestion: 'Huurachterstand; wil hulp.',
      clientReference: 'KP-CODEC-0001',
      data: {
        'client-name': marker,
        'contact-address': 'Kerkstraat 9',
        'amount-owed': 1200,
        'days-in-arrears': 45,
        'reminder-sent': true,
        'signal-source': 'housing',
      },
    });
    workflowId = caseWorkflowId(opened.id);
  });
  afterAll(() => stack?.close());

  it('shows no case data in `temporal workflow show` without the codec', async () => {
    const history = await temporalShow();
    expect(history).toContain(workflowId);
    expect(history).toContain(base64('binary/encrypted'));
    expect(history).toContain('caseWorkflow');
    expect(history).not.toContain(marker);
    expect(history).not.toContain('Kerkstraat 9');
  });

  it('shows the case data through the codec endpoint with an admin token', async () => {
    const history = await temporalShow(
      '--codec-endpoint',
      codecEndpoint,
      '--codec-auth',
      await driver.as('admin'),
    );
    expect(history).toContain(marker);
    expect(history).toContain('Kerkstraat 9');
  });

  it('gives the CLI nothing without an admin token (the endpoint answers 401/403, below)', async () => {
    // The CLI retries a refused decode until its deadline, then fails without printing the history.
    const refused = (...auth: string[]) =>
      expect(
        temporalShow('--codec-endpoint', codecEndpoint, '--command-timeout', '3s', ...auth),
      ).rejects.toThrow(/Command failed[\s\S]*deadline exceeded/);
    await refused();
    await refused('--codec-auth', 'Bearer not-a-token');
    await refused('--codec-auth', await driver.as('gemeente.medewerker'));
  });

  const sample = {
    payloads: [{ metadata: { encoding: base64('json/plain') }, data: base64(`"${marker}"`) }],
  };

  it.each([
    { label: 'without a token', username: undefined, status: 401 },
    { label: 'as a caseworker', username: 'gemeente.medewerker', status: 403 },
    { label: 'as the regisseur', username: 'regisseur', status: 403 },
    { label: 'as operations', username: 'operations', status: 403 },
  ])('answers $label with $status', async ({ username, status }) => {
    for (const path of ['/codec/encode', '/codec/decode']) {
      const request = stack.http().post(path).set('X-Namespace', 'default');
      if (username) request.set('Authorization', await driver.as(username));
      const response = await request.send(sample).expect(status);
      expect(JSON.stringify(response.body)).not.toContain(marker);
    }
  });

  it('encodes and decodes per the remote codec protocol for an admin', async () => {
    const admin = await driver.as('admin');
    const encoded = await stack
      .http()
      .post('/codec/encode')
      .set('Authorization', admin)
      .set('X-Namespace', 'default')
      .send(sample)
      .expect(200);
    const [payload] = encoded.body.payloads as { metadata: Record<string, string>; data: string }[];
    expect(payload.metadata.encoding).toBe(base64('binary/encrypted'));
    expect(payload.metadata['encryption-key-id']).toBe(base64('test-fixture-a'));
    expect(Buffer.from(payload.data, 'base64').includes(marker)).toBe(false);

    const decoded = await stack
      .http()
      .post('/codec/decode')
      .set('Authorization', admin)
      .send(encoded.body)
      .expect(200);
    expect(decoded.body).toEqual(sample);
  });

  it('names the field or header of a bad request, and an undecryptable payload', async () => {
    const admin = await driver.as('admin');
    const post = (path: string, body: object, namespace = 'default') =>
      stack.http().post(path).set('Authorization', admin).set('X-Namespace', namespace).send(body);

    const nothing = await post('/codec/decode', {}).expect(200);
    expect(nothing.body).toEqual({ payloads: [] });
    const notAList = await post('/codec/decode', { payloads: 'x' }).expect(400);
    expect(fields(notAList.body)).toEqual(['payloads']);
    const badData = await post('/codec/decode', { payloads: [{ data: 'not base64!' }] }).expect(
      400,
    );
    expect(fields(badData.body)).toEqual(['payloads.0.data']);
    const badMetadata = await post('/codec/decode', {
      payloads: [{ metadata: { encoding: 42 } }],
    }).expect(400);
    expect(fields(badMetadata.body)).toEqual(['payloads.0.metadata']);
    const otherNamespace = await post('/codec/decode', sample, 'other').expect(400);
    expect(otherNamespace.body.message).toMatch(/^X-Namespace: /);

    const unknownKey = await post('/codec/decode', {
      payloads: [
        {
          metadata: {
            encoding: base64('binary/encrypted'),
            'encryption-key-id': base64('retired-key'),
          },
          data: base64('x'.repeat(40)),
        },
      ],
    }).expect(422);
    expect(unknownKey.body.message).toContain("key 'retired-key', which is not configured");
  });

  it('allows cross-origin calls from the configured Temporal UI only', async () => {
    const preflight = await stack
      .http()
      .options('/codec/decode')
      .set('Origin', TEMPORAL_UI_ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(TEMPORAL_UI_ORIGIN);
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/X-Namespace/);

    const decoded = await stack
      .http()
      .post('/codec/decode')
      .set('Origin', TEMPORAL_UI_ORIGIN)
      .set('Authorization', await driver.as('admin'))
      .send(sample)
      .expect(200);
    expect(decoded.headers['access-control-allow-origin']).toBe(TEMPORAL_UI_ORIGIN);

    const stranger = await stack
      .http()
      .options('/codec/decode')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    const elsewhere = await stack
      .http()
      .options('/cases')
      .set('Origin', TEMPORAL_UI_ORIGIN)
      .set('Access-Control-Request-Method', 'GET');
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
  });
});

import { randomUUID } from 'node:crypto';
import { authenticator } from 'otplib';
import { DataSource } from 'typeorm';
import { openText, storedSecretKeyring } from '@schakel/config';
import { startTestStack, type TestStack } from './support/test-stack';

/** Local accounts: throttled per account (and per address), no user enumeration, TOTP. */
describe('password sign-in', () => {
  let stack: TestStack;
  const address = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;

  beforeAll(async () => {
    stack = await startTestStack({
      worker: false,
      environment: { AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' },
    });
    (stack.api.getHttpAdapter().getInstance() as { set(key: string, value: unknown): void }).set(
      'trust proxy',
      true,
    );
  });
  afterAll(() => stack.close());

  const login = (username: string, password: string) =>
    stack.http().post('/auth/login').set('X-Forwarded-For', address).send({ username, password });

  it('answers an unknown user exactly as a wrong password', async () => {
    const unknown = await login(`nobody-${randomUUID()}`, 'whatever-password').expect(401);
    const wrong = await login('gemeente.collega', 'wrong-password').expect(401);
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(unknown.body.message).toBe('Unknown username or wrong password');
  });

  it('refuses an account with 429 and Retry-After after too many failures, even the right password', async () => {
    const username = 'wijkteam.collega';
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await login(username, 'wrong-password').expect(401);
    }
    const refused = await login(username, 'schakel-demo').expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.message).toMatch(/^Too many failed sign-ins/);
  });

  it('throttles an unknown username the same way, so a lock says nothing about existence', async () => {
    const username = `nobody-${randomUUID()}`;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await login(username, 'wrong-password').expect(401);
    }
    await login(username, 'wrong-password').expect(429);
  });

  it('enrols a TOTP second factor, then needs a fresh code at every sign-in', async () => {
    const username = `totp.${randomUUID().slice(0, 8)}`;
    const password = 'a-long-local-password';
    await stack
      .http()
      .post('/admin/people')
      .set('Authorization', await stack.bearer('admin'))
      .send({
        username,
        displayName: username,
        password,
        grants: [{ role: 'caseworker', organisationId: 'gemeente' }],
      })
      .expect(201);
    const enrolment = await stack
      .http()
      .post('/auth/totp/enrol')
      .send({ username, password })
      .expect(200);
    const secret = enrolment.body.secret as string;
    // At rest the secret is sealed under STORED_SECRET_KEYS (here the development key), never in clear.
    const [{ totp_secret: stored }] = await stack.api
      .get(DataSource)
      .query('SELECT totp_secret FROM users WHERE username = $1', [username]);
    expect(stored).toMatch(/^development:/);
    expect(stored).not.toContain(secret);
    expect(openText(storedSecretKeyring({ NODE_ENV: 'test' }), stored)).toBe(secret);
    const first = authenticator.generate(secret);
    expect(enrolment.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Schakel:/);
    await stack
      .http()
      .post('/auth/totp/confirm')
      .send({
        username,
        password,
        code: '000000' === authenticator.generate(secret) ? '111111' : '000000',
      })
      .expect(401);
    await stack
      .http()
      .post('/auth/totp/confirm')
      .send({ username, password, code: first })
      .expect(204);

    const withoutCode = await login(username, password).expect(401);
    expect(withoutCode.body.message).toBe('A valid one-time code (code) is required');
    const reused = await stack
      .http()
      .post('/auth/login')
      .send({ username, password, code: first })
      .expect(401);
    expect(reused.body.message).toBe('This one-time code was used already');
    const next = authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret);
    await stack.http().post('/auth/login').send({ username, password, code: next }).expect(200);
  });

  it('names a malformed code', async () => {
    const response = await login('gemeente.collega', 'x').send({ code: 'abc' }).expect(400);
    expect(JSON.stringify(response.body.errors)).toContain('code');
  });
});

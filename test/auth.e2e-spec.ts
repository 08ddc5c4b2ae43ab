import { startTestStack, type TestStack } from './support/test-stack';

describe('authentication and roles', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack.close());

  it('refuses a protected route without a token, saying why', async () => {
    const response = await stack.http().get('/auth/me').expect(401);
    expect(response.body).toMatchObject({
      statusCode: 401,
      message: 'Send a bearer token in the Authorization header',
    });
    expect(response.body.requestId).toEqual(expect.any(String));
  });

  it('refuses a forged or malformed token', async () => {
    const response = await stack
      .http()
      .get('/auth/me')
      .set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl')
      .expect(401);
    expect(response.body.message).toMatch(/^The bearer token is not valid/);
  });

  it.each([
    ['regisseur', 'regisseur', null],
    ['operations', 'operations', null],
    ['admin', 'admin', null],
  ])('lets %s in with its own role', async (username, role, organisationId) => {
    const response = await stack
      .http()
      .get('/auth/me')
      .set('Authorization', await stack.bearer(username))
      .expect(200);
    expect(response.body).toMatchObject({ username, role, organisationId });
  });

  it('gives a caseworker the role and exactly one organisation', async () => {
    const response = await stack
      .http()
      .get('/auth/me')
      .set('Authorization', await stack.bearer('gemeente.medewerker'))
      .expect(200);
    expect(response.body).toMatchObject({ role: 'caseworker', organisationId: 'gemeente' });
  });

  it.each(['regisseur', 'operations'])(
    'answers 403 to %s on an admin-only route',
    async (username) => {
      const response = await stack
        .http()
        .post('/admin/smoke')
        .set('Authorization', await stack.bearer(username))
        .send({ message: 'ping' })
        .expect(403);
      expect(response.body.message).toBe(
        `This action needs the role admin; you are signed in as ${username}`,
      );
    },
  );

  it('refuses a wrong password without saying which part was wrong', async () => {
    const response = await stack
      .http()
      .post('/auth/login')
      .send({ username: 'admin', password: 'wrong' })
      .expect(401);
    expect(response.body.message).toBe('Unknown username or wrong password');
  });

  it('names every invalid field of a login request', async () => {
    const response = await stack
      .http()
      .post('/auth/login')
      .send({ username: 42, extra: true })
      .expect(400);
    const fields = (response.body.errors as { field: string }[]).map((problem) => problem.field);
    expect(new Set(fields)).toEqual(new Set(['username', 'password', 'extra']));
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await stack
      .http()
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": ')
      .expect(400);
    expect(response.body.message).toBe('The request body is not valid JSON');
  });
});

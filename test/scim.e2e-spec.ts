import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPOSITORY_ROOT } from './support/test-environment';
import { startTestStack, type TestStack } from './support/test-stack';

const EXTENSION = 'urn:schakel:params:scim:schemas:extension:2.0:User';
const SCIM_JSON = 'application/scim+json';

describe('SCIM 2.0 provisioning', () => {
  let stack: TestStack;
  let admin: string;
  let base: string;
  let clientToken: string;
  const suffix = randomUUID().slice(0, 8);

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    await stack.api.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(stack.api.getHttpServer().address() as AddressInfo).port}/scim/v2`;
    admin = await stack.bearer('admin');
    const issued = await stack
      .http()
      .post('/admin/scim-clients')
      .set('Authorization', admin)
      .send({ name: `Entra ID wijkteam ${suffix}`, organisationIds: ['wijkteam'] })
      .expect(201);
    clientToken = issued.body.token;
  });
  afterAll(() => stack.close());

  const scim = (token = clientToken) => ({
    get: (path: string) =>
      stack.http().get(`/scim/v2${path}`).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) =>
      stack
        .http()
        .post(`/scim/v2${path}`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', SCIM_JSON)
        .send(JSON.stringify(body)),
    patch: (path: string, body: object) =>
      stack
        .http()
        .patch(`/scim/v2${path}`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', SCIM_JSON)
        .send(JSON.stringify(body)),
  });

  it('passes scim2-tester: discovery, CRUD and PATCH', async () => {
    const { stdout } = await promisify(execFile)(
      join(REPOSITORY_ROOT, '.tools/bin/python'),
      [join(REPOSITORY_ROOT, 'scripts/scim-conformance.py'), base, clientToken],
      { timeout: 300_000 },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`scim2-tester failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    });
    expect(stdout).toMatch(/ 0 failing/);
  });

  it('provisions a caseworker with chain roles, finds them by userName, and deactivates by PATCH', async () => {
    const userName = `k.de.boer.${suffix}@wijkteam.example`;
    const created = await scim()
      .post('/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', EXTENSION],
        userName,
        displayName: 'K. de Boer',
        password: 'een-lang-wachtwoord',
        [EXTENSION]: {
          organisationId: 'wijkteam',
          roles: [{ role: 'operations', chainId: 'wmo-maatwerk' }],
        },
      })
      .expect(201);
    expect(created.headers['content-type']).toMatch(SCIM_JSON);
    expect(created.body[EXTENSION]).toEqual({
      organisationId: 'wijkteam',
      roles: [{ role: 'operations', chainId: 'wmo-maatwerk' }],
    });

    const login = await stack
      .http()
      .post('/auth/login')
      .send({ username: userName, password: 'een-lang-wachtwoord' })
      .expect(200);
    const token = `Bearer ${login.body.accessToken}`;
    const me = await stack.http().get('/auth/me').set('Authorization', token).expect(200);
    expect(me.body).toMatchObject({ role: 'caseworker', organisationId: 'wijkteam' });

    const found = await scim()
      .get(`/Users?filter=${encodeURIComponent(`userName eq "${userName.toUpperCase()}"`)}`)
      .expect(200);
    expect(found.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(found.body.Resources[0].id).toBe(created.body.id);

    await scim()
      .patch(`/Users/${created.body.id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'Replace', value: { active: false } }],
      })
      .expect(200);
    await stack.http().get('/auth/me').set('Authorization', token).expect(401);
  });

  it('logs the client token issued and revoked by the admin, and every call of the identity provider', async () => {
    const issued = await stack
      .http()
      .post('/admin/scim-clients')
      .set('Authorization', admin)
      .send({ name: `Short-lived ${suffix}`, organisationIds: ['wijkteam'] })
      .expect(201);
    await scim(issued.body.token)
      .post('/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: `audited.${suffix}@wijkteam.example`,
      })
      .expect(201);
    await stack
      .http()
      .delete(`/admin/scim-clients/${issued.body.id}`)
      .set('Authorization', admin)
      .expect(204);
    await scim(issued.body.token).get('/Users').expect(401);

    const audit = async (query: string) =>
      (await stack.http().get(`/audit-log?${query}`).set('Authorization', admin).expect(200)).body
        .items as Record<string, unknown>[];
    expect(await audit(`actorId=${issued.body.id}`)).toEqual([
      expect.objectContaining({
        actorRole: 'identity-provider',
        method: 'POST',
        route: '/scim/v2/Users',
        statusCode: 201,
      }),
    ]);
    const me = await stack.http().get('/auth/me').set('Authorization', admin).expect(200);
    const byAdmin = await audit(`actorId=${me.body.id}&limit=50`);
    for (const [method, path] of [
      ['POST', '/admin/scim-clients'],
      ['DELETE', `/admin/scim-clients/${issued.body.id}`],
    ]) {
      expect(byAdmin).toContainEqual(expect.objectContaining({ actorRole: 'admin', method, path }));
    }
  });

  it('pages with startIndex and count', async () => {
    const page = await scim(admin.replace('Bearer ', ''))
      .get('/Users?startIndex=2&count=2')
      .expect(200);
    expect(page.body).toMatchObject({ startIndex: 2, itemsPerPage: 2 });
    expect(page.body.totalResults).toBeGreaterThan(3);
  });

  it('answers errors in the RFC 7644 §3.12 body', async () => {
    const missing = await scim().get(`/Users/${randomUUID()}`).expect(404);
    expect(missing.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '404',
    });
    const filter = await scim().get('/Users?filter=displayName%20co%20%22x%22').expect(400);
    expect(filter.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    const outside = await scim()
      .post('/Users', { userName: `x.${suffix}`, [EXTENSION]: { organisationId: 'gemeente' } })
      .expect(400);
    expect(outside.body).toMatchObject({ scimType: 'invalidValue' });
    const anonymous = await stack.http().get('/scim/v2/Users').expect(401);
    expect(anonymous.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  });

  it("does not show a client another organisation's people", async () => {
    const list = await scim().get('/Users?count=200').expect(200);
    const names = (list.body.Resources as { userName: string }[]).map((user) => user.userName);
    expect(names).not.toContain('gemeente.medewerker');
    expect(names).toContain('wijkteam.medewerker');
  });
});

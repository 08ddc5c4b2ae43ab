import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { startTestStack, type TestStack } from './support/test-stack';

interface LocalIssuer {
  url: string;
  token: (
    claims: Record<string, unknown>,
    options?: { audience?: string; issuer?: string },
  ) => Promise<string>;
  close: () => Promise<void>;
}

/** An identity provider on 127.0.0.1 that publishes its JWKS and signs whatever claims a test asks for. */
async function startLocalIssuer(): Promise<LocalIssuer> {
  const keys = await generateKeyPair('RS256');
  const privateKey: KeyLike = keys.privateKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((request, response) => {
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify(request.url === '/.well-known/jwks.json' ? { keys: [jwk] } : {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    token: (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(options.issuer ?? url)
        .setAudience(options.audience ?? 'schakel')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * With AUTH_OIDC_ISSUER set, bearer tokens are verified against the issuer's key set: here a
 * local issuer on 127.0.0.1 that publishes its JWKS, as an organisation's identity provider would.
 */
describe('OIDC bearer tokens', () => {
  let issuer: LocalIssuer;
  let stack: TestStack;

  beforeAll(async () => {
    issuer = await startLocalIssuer();
    stack = await startTestStack({
      worker: false,
      environment: { AUTH_OIDC_ISSUER: issuer.url, AUTH_OIDC_AUDIENCE: 'schakel' },
    });
  });
  afterAll(async () => {
    await stack.close();
    await issuer.close();
  });

  const token: LocalIssuer['token'] = (claims, options) => issuer.token(claims, options);

  it('accepts a token of the issuer for a known user, with role and organisation from our records', async () => {
    const bearer = await token({ preferred_username: 'kredietbank.medewerker' });
    const response = await stack
      .http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${bearer}`)
      .expect(200);
    expect(response.body).toMatchObject({ role: 'caseworker', organisationId: 'kredietbank' });
  });

  it('refuses tokens for the wrong audience or issuer, and users it does not know', async () => {
    for (const bearer of [
      await token({ preferred_username: 'regisseur' }, { audience: 'someone-else' }),
      await token({ preferred_username: 'regisseur' }, { issuer: 'http://127.0.0.1:1' }),
    ]) {
      const response = await stack
        .http()
        .get('/auth/me')
        .set('Authorization', `Bearer ${bearer}`)
        .expect(401);
      expect(response.body.message).toMatch(/^The bearer token is not valid/);
    }
    const stranger = await token({ preferred_username: 'nobody' });
    const response = await stack
      .http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${stranger}`)
      .expect(401);
    expect(response.body.message).toBe('The token names a user this platform does not know');
  });

  it('turns the demo password login off', async () => {
    await stack
      .http()
      .post('/auth/login')
      .send({ username: 'admin', password: 'schakel-demo' })
      .expect(404);
  });
});

/** Just-in-time provisioning: accounts and roles follow the identity provider's claims. */
describe('OIDC just-in-time provisioning', () => {
  let issuer: LocalIssuer;
  let stack: TestStack;

  beforeAll(async () => {
    issuer = await startLocalIssuer();
    stack = await startTestStack({
      worker: false,
      environment: {
        AUTH_OIDC_ISSUER: issuer.url,
        AUTH_OIDC_AUDIENCE: 'schakel',
        AUTH_OIDC_ORGANISATION_CLAIM: 'organisation',
        AUTH_OIDC_ROLES_CLAIM: 'groups',
      },
    });
  });
  afterAll(async () => {
    await stack.close();
    await issuer.close();
  });

  const me = async (claims: Record<string, unknown>, status: number) =>
    stack
      .http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${await issuer.token(claims)}`)
      .expect(status);

  it('creates the account at the first sign-in with the mapped roles, and follows the claims later', async () => {
    const username = `jit.${randomUUID().slice(0, 8)}@wijkteam.example`;
    const first = await me(
      {
        preferred_username: username,
        name: 'J. Visser',
        organisation: 'wijkteam',
        groups: ['All staff', 'operations:wmo-maatwerk'],
      },
      200,
    );
    expect(first.body).toMatchObject({
      username,
      displayName: 'J. Visser',
      role: 'caseworker',
      organisationId: 'wijkteam',
    });
    expect(first.body.grants).toEqual(
      expect.arrayContaining([
        { role: 'caseworker', organisationId: 'wijkteam', chainId: null },
        { role: 'operations', organisationId: null, chainId: 'wmo-maatwerk' },
      ]),
    );
    expect(first.body.grants).toHaveLength(2);

    const later = await me(
      {
        preferred_username: username,
        groups: ['regisseur:wmo-maatwerk'],
      },
      200,
    );
    expect(later.body).toMatchObject({
      role: 'regisseur',
      organisationId: null,
      grants: [{ role: 'regisseur', organisationId: null, chainId: 'wmo-maatwerk' }],
    });

    const none = await me({ preferred_username: username, groups: [] }, 403);
    expect(none.body.message).toBe('Your account holds no role yet; ask an admin of your chain');
  });

  it('never grants platform or chain admin from claims', async () => {
    const response = await me(
      {
        preferred_username: `jit.${randomUUID().slice(0, 8)}`,
        organisation: 'gemeente',
        groups: ['admin:wmo-maatwerk', 'admin'],
      },
      200,
    );
    expect(response.body.grants).toEqual([
      { role: 'caseworker', organisationId: 'gemeente', chainId: null },
    ]);
  });
});

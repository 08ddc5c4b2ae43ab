import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { startTestStack, type TestStack } from './support/test-stack';

/**
 * With AUTH_OIDC_ISSUER set, bearer tokens are verified against the issuer's key set: here a
 * local issuer on 127.0.0.1 that publishes its JWKS, as an organisation's identity provider would.
 */
describe('OIDC bearer tokens', () => {
  let issuer: Server;
  let issuerUrl: string;
  let privateKey: KeyLike;
  let stack: TestStack;

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    issuer = createServer((request, response) => {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify(request.url === '/.well-known/jwks.json' ? { keys: [jwk] } : {}));
    });
    await new Promise<void>((resolve) => issuer.listen(0, '127.0.0.1', resolve));
    issuerUrl = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}`;
    stack = await startTestStack({
      worker: false,
      environment: { AUTH_OIDC_ISSUER: issuerUrl, AUTH_OIDC_AUDIENCE: 'schakel' },
    });
  });
  afterAll(async () => {
    await stack.close();
    await new Promise((resolve) => issuer.close(resolve));
  });

  const token = (
    claims: Record<string, unknown>,
    options: { audience?: string; issuer?: string } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(options.issuer ?? issuerUrl)
      .setAudience(options.audience ?? 'schakel')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

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

import { randomUUID } from 'node:crypto';
import {
  signInWithCodeFlow,
  startOpenIdProvider,
  type OpenIdProvider,
  type ProviderAccount,
} from './support/openid-provider';
import { startTestStack, type TestStack } from './support/test-stack';

/** The API's audience: the resource (RFC 8707) the providers issue access tokens for. */
const API_RESOURCE = 'urn:schakel:api';
const REDIRECT_URI = 'http://127.0.0.1:9/app/signed-in';
const CONSOLE = 'schakel-console';
/** A client whose access tokens live one second, for the expiry check. */
const SHORT_LIVED = 'short-lived';

const startProvider = () =>
  startOpenIdProvider({
    defaultResource: API_RESOURCE,
    clients: [
      { clientId: CONSOLE, redirectUris: [REDIRECT_URI] },
      { clientId: SHORT_LIVED, redirectUris: [REDIRECT_URI], accessTokenTtlSeconds: 1 },
    ],
  });

/** An account at the provider, signed in through the authorization code flow with PKCE. */
async function signIn(
  provider: OpenIdProvider,
  claims: ProviderAccount['claims'],
  options: { sub?: string; clientId?: string; resource?: string } = {},
): Promise<string> {
  const sub = options.sub ?? `person-${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  await provider.putAccount(sub, { password, claims });
  const tokens = await signInWithCodeFlow(provider.issuer, {
    clientId: options.clientId ?? CONSOLE,
    redirectUri: REDIRECT_URI,
    username: sub,
    password,
    resource: options.resource,
  });
  return tokens.accessToken;
}

/** Test files share process.env: the first describe's shorthand must not reach the second stack. */
const NO_SHORTHAND = Object.fromEntries(
  [
    'AUTH_OIDC_ISSUER',
    'AUTH_OIDC_AUDIENCE',
    'AUTH_OIDC_CLIENT_ID',
    'AUTH_OIDC_ORGANISATION_CLAIM',
    'AUTH_OIDC_ROLES_CLAIM',
  ].map((name) => [name, '']),
);

/** Grants granted together come back in no particular order. */
const grantsOf = (body: { grants: { role: string }[] }) =>
  [...body.grants].sort((a, b) => a.role.localeCompare(b.role));

const me = (stack: TestStack, accessToken: string) =>
  stack.http().get('/auth/me').set('Authorization', `Bearer ${accessToken}`);

/**
 * One identity provider through the AUTH_OIDC_ISSUER shorthand, with just-in-time provisioning,
 * next to local accounts: tokens come from `oidc-provider` through the real authorization code +
 * PKCE flow, as the console gets them.
 */
describe('OIDC sign-in through one identity provider', () => {
  let provider: OpenIdProvider;
  let elsewhere: OpenIdProvider;
  let stack: TestStack;

  beforeAll(async () => {
    [provider, elsewhere] = await Promise.all([startProvider(), startProvider()]);
    stack = await startTestStack({
      worker: false,
      environment: {
        AUTH_LOCAL_ACCOUNTS: 'true',
        AUTH_OIDC_ISSUER: provider.issuer,
        AUTH_OIDC_AUDIENCE: API_RESOURCE,
        AUTH_OIDC_CLIENT_ID: CONSOLE,
        AUTH_OIDC_ORGANISATION_CLAIM: 'organisation',
        AUTH_OIDC_ROLES_CLAIM: 'groups',
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await Promise.all([provider?.close(), elsewhere?.close()]);
  });

  it('tells the console how to sign in: passwords and the provider with its client id', async () => {
    const response = await stack.http().get('/auth/providers').expect(200);
    expect(response.body).toEqual({
      localAccounts: true,
      providers: [
        {
          id: 'oidc',
          name: new URL(provider.issuer).host,
          issuer: provider.issuer,
          clientId: CONSOLE,
          scope: 'openid profile email',
        },
      ],
    });
  });

  it('creates the account at the first sign-in with the mapped roles, and follows the claims later', async () => {
    const username = `jit.${randomUUID().slice(0, 8)}@wijkteam.example`;
    const sub = `person-${randomUUID().slice(0, 8)}`;
    const first = await me(
      stack,
      await signIn(
        provider,
        {
          preferred_username: username,
          name: 'J. Visser',
          organisation: 'wijkteam',
          groups: ['All staff', 'operations:wmo-maatwerk'],
        },
        { sub },
      ),
    ).expect(200);
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
      stack,
      await signIn(
        provider,
        { preferred_username: username, groups: ['regisseur:wmo-maatwerk'] },
        { sub },
      ),
    ).expect(200);
    expect(later.body).toMatchObject({
      id: first.body.id,
      role: 'regisseur',
      organisationId: null,
      grants: [{ role: 'regisseur', organisationId: null, chainId: 'wmo-maatwerk' }],
    });

    const none = await me(
      stack,
      await signIn(provider, { preferred_username: username, groups: [] }, { sub }),
    ).expect(403);
    expect(none.body.message).toBe('Your account holds no role yet; ask an admin of your chain');
  });

  it('never grants platform or chain admin from claims', async () => {
    const response = await me(
      stack,
      await signIn(provider, {
        preferred_username: `jit.${randomUUID().slice(0, 8)}`,
        organisation: 'gemeente',
        groups: ['admin:wmo-maatwerk', 'admin'],
      }),
    ).expect(200);
    expect(response.body.grants).toEqual([
      { role: 'caseworker', organisationId: 'gemeente', chainId: null },
    ]);
  });

  it('refuses a token for another audience, an expired one and one of an issuer not configured', async () => {
    const claims = { preferred_username: 'kredietbank.medewerker', organisation: 'kredietbank' };
    const otherAudience = await me(
      stack,
      await signIn(provider, claims, { resource: 'https://other-api.example.nl' }),
    ).expect(401);
    expect(otherAudience.body.message).toMatch(/^The bearer token is not valid: .*"aud"/);

    const shortLived = await signIn(provider, claims, { clientId: SHORT_LIVED });
    await me(stack, shortLived).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const expired = await me(stack, shortLived).expect(401);
    expect(expired.body.message).toMatch(/^The bearer token is not valid: .*"exp"/);

    const stranger = await me(stack, await signIn(elsewhere, claims)).expect(401);
    expect(stranger.body.message).toBe(
      `The bearer token is not valid: tokens of the issuer ${elsewhere.issuer} are not accepted here`,
    );
  });

  it("signs out: the provider's tokens issued so far are refused, a new sign-in works", async () => {
    const claims = {
      preferred_username: `out.${randomUUID().slice(0, 8)}`,
      organisation: 'gemeente',
    };
    const sub = `person-${randomUUID().slice(0, 8)}`;
    const accessToken = await signIn(provider, claims, { sub });
    await stack
      .http()
      .post('/auth/logout')
      .set('Authorization', `Bearer ${accessToken}`)
      .expect(204);
    const revoked = await me(stack, accessToken).expect(401);
    expect(revoked.body.message).toBe('This token has been revoked; sign in again');
    // Tokens say when they were issued to the second: the next one is from a later second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await me(stack, await signIn(provider, claims, { sub })).expect(200);
  });

  it('refuses the token of a person an admin deactivated', async () => {
    const accessToken = await signIn(provider, {
      preferred_username: `leaver.${randomUUID().slice(0, 8)}`,
      organisation: 'wijkteam',
    });
    const person = await me(stack, accessToken).expect(200);
    await stack
      .http()
      .post(`/admin/people/${person.body.id}/deactivate`)
      .set('Authorization', await stack.bearer('admin'))
      .expect(200);
    const refused = await me(stack, accessToken).expect(401);
    expect(refused.body.message).toBe('This account has been deactivated');
  });
});

/**
 * A region with several identity providers: a partner's own (its groups mapped to roles, limited
 * to its organisation and the chains it is a partner in) and a regional one; no local accounts.
 */
describe('OIDC sign-in through several identity providers', () => {
  let wijkteam: OpenIdProvider;
  let regional: OpenIdProvider;
  let stack: TestStack;

  beforeAll(async () => {
    [wijkteam, regional] = await Promise.all([startProvider(), startProvider()]);
    const providers = [
      {
        id: 'wijkteam',
        name: 'Wijkteam',
        issuer: wijkteam.issuer,
        audience: API_RESOURCE,
        clientId: CONSOLE,
        usernameClaim: 'email',
        rolesClaim: 'groups',
        roleMapping: {
          Medewerkers: 'caseworker:wijkteam',
          'Wmo regie': ['regisseur:wmo-maatwerk'],
          // Beyond what the provider may grant: another partner, a chain it is no partner in.
          'Gemeente medewerkers': 'caseworker:gemeente',
          'Schuldhulp regie': 'regisseur:vroegsignalering-schuldhulp',
        },
        organisations: ['wijkteam'],
      },
      {
        id: 'regio',
        name: 'Regio',
        issuer: regional.issuer,
        audience: API_RESOURCE,
        organisationClaim: 'org',
        rolesClaim: 'roles',
        organisations: ['*'],
        chains: ['*'],
      },
    ];
    stack = await startTestStack({
      worker: false,
      environment: {
        ...NO_SHORTHAND,
        AUTH_LOCAL_ACCOUNTS: 'auto',
        AUTH_OIDC_PROVIDERS: JSON.stringify(providers),
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await Promise.all([wijkteam?.close(), regional?.close()]);
  });

  it('offers both providers and no password sign-in', async () => {
    const options = await stack.http().get('/auth/providers').expect(200);
    expect(options.body).toEqual({
      localAccounts: false,
      providers: [expect.objectContaining({ id: 'wijkteam', issuer: wijkteam.issuer })],
    });
    await stack
      .http()
      .post('/auth/login')
      .send({ username: 'admin', password: 'schakel-demo' })
      .expect(404);
  });

  it("maps a partner provider's groups within its organisation and chains", async () => {
    const response = await me(
      stack,
      await signIn(wijkteam, {
        email: `wt.${randomUUID().slice(0, 8)}@wijkteam.example`,
        groups: ['Gemeente medewerkers', 'Medewerkers', 'Wmo regie', 'Schuldhulp regie'],
      }),
    ).expect(200);
    expect(response.body).toMatchObject({ role: 'caseworker', organisationId: 'wijkteam' });
    expect(grantsOf(response.body)).toEqual([
      { role: 'caseworker', organisationId: 'wijkteam', chainId: null },
      { role: 'regisseur', organisationId: null, chainId: 'wmo-maatwerk' },
    ]);
  });

  it('reads the regional provider with its own claims', async () => {
    const response = await me(
      stack,
      await signIn(regional, {
        preferred_username: `regio.${randomUUID().slice(0, 8)}`,
        org: 'gemeente',
        roles: 'operations:vroegsignalering-schuldhulp',
      }),
    ).expect(200);
    expect(grantsOf(response.body)).toEqual([
      { role: 'caseworker', organisationId: 'gemeente', chainId: null },
      { role: 'operations', organisationId: null, chainId: 'vroegsignalering-schuldhulp' },
    ]);
  });

  it("does not let one provider sign in another provider's person or another partner's", async () => {
    const username = `shared.${randomUUID().slice(0, 8)}@example.nl`;
    await me(
      stack,
      await signIn(regional, { preferred_username: username, org: 'wijkteam' }),
    ).expect(200);
    const taken = await me(
      stack,
      await signIn(wijkteam, { email: username, groups: ['Medewerkers'] }),
    ).expect(401);
    expect(taken.body.message).toBe(
      `The account ${username} is not one this identity provider may sign in`,
    );

    const otherPartner = await me(
      stack,
      await signIn(wijkteam, { email: 'gemeente.medewerker', groups: ['Medewerkers'] }),
    ).expect(401);
    expect(otherPartner.body.message).toBe(
      'The account gemeente.medewerker is not one this identity provider may sign in',
    );
  });
});

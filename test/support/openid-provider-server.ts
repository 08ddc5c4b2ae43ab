import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

/**
 * An OpenID provider for the tests, run as a process of its own (`oidc-provider` is an ES module,
 * which jest's module system cannot load; a process also serves the console's e2e stack): the
 * certified `oidc-provider` with a login page of ours that checks passwords against an account
 * store the test fills over HTTP. Started by `openid-provider.ts`, which passes the settings below
 * in OPENID_PROVIDER_SETTINGS and reads the issuer URL from the first line of stdout.
 */
export interface OpenIdProviderSettings {
  /** Resource indicator (RFC 8707) of access tokens when the client names none. */
  defaultResource: string;
  clients: {
    clientId: string;
    redirectUris: string[];
    postLogoutRedirectUris?: string[];
    /** Lifetime of this client's access tokens; short for a test of expiry. */
    accessTokenTtlSeconds?: number;
  }[];
  /** Bearer token of the account store's route (`PUT /test/accounts/:sub`). */
  storeToken: string;
}

export interface ProviderAccount {
  password: string;
  /** Claims besides `sub`, in the ID token (by scope) and in every access token. */
  claims: Record<string, unknown>;
}

const ACCOUNT_ROUTE = /^\/test\/accounts\/([^/]+)$/;
const INTERACTION_ROUTE = /^\/interaction\/([^/]+)(\/login)?$/;
const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 300;

const settings = JSON.parse(process.env.OPENID_PROVIDER_SETTINGS ?? '{}') as OpenIdProviderSettings;
const accounts = new Map<string, ProviderAccount>();

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;

function loginPage(uid: string, clientId: string, error?: string): string {
  return page(
    'Identity provider sign-in',
    `<p>Sign in to continue to ${escapeHtml(clientId)}.</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
  <label>Username <input name="login" autocomplete="username" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Sign in</button>
</form>`,
  );
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sameSecret(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig' };

const ttlOf = (clientId: string | undefined) =>
  settings.clients.find((client) => client.clientId === clientId)?.accessTokenTtlSeconds ??
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS;

function configuration(): Configuration {
  return {
    clients: settings.clients.map((client) => ({
      client_id: client.clientId,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
    findAccount: (_context, sub) => {
      const account = accounts.get(sub);
      return account && { accountId: sub, claims: () => ({ ...account.claims, sub }) };
    },
    // Access tokens carry the person's claims, as an organisation's provider maps its groups into them.
    extraTokenClaims: (_context, token) => {
      const accountId = 'accountId' in token ? token.accountId : undefined;
      return accountId ? accounts.get(accountId)?.claims : undefined;
    },
    interactions: { url: (_context, interaction) => `/interaction/${interaction.uid}` },
    clientBasedCORS: (_context, origin, client) =>
      client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    ttl: {
      AuthorizationCode: 60,
      IdToken: 300,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: (context: KoaContextWithOIDC) => ttlOf(context.oidc.client?.clientId),
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (context, form) => {
          context.body = page(
            'Sign out of the identity provider?',
            `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`,
          );
        },
        postLogoutSuccessSource: (context) => {
          context.body = page('Signed out', '<p>You have signed out.</p>');
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => settings.defaultResource,
        useGrantedResource: () => true,
        // Any resource the client asks for gets a JWT access token with that audience.
        getResourceServerInfo: (context, resource) => ({
          scope: 'api',
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: ttlOf(context.oidc.client?.clientId),
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  };
}

/** Login with the account store's password; consent is implied (the console is first-party). */
async function interaction(
  provider: Provider,
  request: IncomingMessage,
  response: ServerResponse,
  uid: string,
  submitted: boolean,
): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  if (details.uid !== uid) throw new Error('Interaction mismatch');
  const clientId = String(details.params.client_id);
  if (details.prompt.name === 'login') {
    if (!submitted) {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      return void response.end(loginPage(uid, clientId));
    }
    const form = new URLSearchParams(await readBody(request));
    const login = form.get('login') ?? '';
    const account = accounts.get(login);
    if (!account || !sameSecret(form.get('password') ?? '', account.password)) {
      // The form again with the message, answered 200 as identity providers' login pages are.
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      return void response.end(loginPage(uid, clientId, 'Unknown username or wrong password'));
    }
    return provider.interactionFinished(
      request,
      response,
      { login: { accountId: login } },
      { mergeWithLastSubmission: false },
    );
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session?.accountId, clientId });
  if (!grant) throw new Error('Grant not found');
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
  await provider.interactionFinished(
    request,
    response,
    { consent: { grantId: await grant.save() } },
    { mergeWithLastSubmission: true },
  );
}

async function putAccount(request: IncomingMessage, response: ServerResponse, sub: string) {
  const authorization = request.headers.authorization ?? '';
  if (!sameSecret(authorization, `Bearer ${settings.storeToken}`)) {
    response.statusCode = 401;
    return void response.end();
  }
  accounts.set(decodeURIComponent(sub), JSON.parse(await readBody(request)) as ProviderAccount);
  response.statusCode = 204;
  response.end();
}

function main(): void {
  const server = createServer();
  server.listen(0, '127.0.0.1', () => {
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, configuration());
    const callback = provider.callback();
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const path = new URL(request.url ?? '/', issuer).pathname;
      const account = ACCOUNT_ROUTE.exec(path);
      const step = INTERACTION_ROUTE.exec(path);
      const handled = account
        ? putAccount(request, response, account[1])
        : step
          ? interaction(provider, request, response, step[1], request.method === 'POST')
          : Promise.resolve(callback(request, response));
      handled.catch((error: Error) => {
        process.stderr.write(`openid provider: ${error.stack ?? error.message}\n`);
        if (!response.headersSent) response.statusCode = 500;
        response.end();
      });
    });
    process.stdout.write(`${JSON.stringify({ issuer })}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main();

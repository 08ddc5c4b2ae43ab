import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { OpenIdProviderSettings, ProviderAccount } from './openid-provider-server';

export type { ProviderAccount };

/**
 * A real OpenID provider (`oidc-provider`) for the integration tests and the console's e2e stack:
 * started as a process, with public clients (authorization code + PKCE) and an account store the
 * test fills. Access tokens are JWTs for the resource the client asks for (RFC 8707), carrying the
 * account's claims, as an organisation's provider puts its groups into them.
 */
export interface OpenIdProvider extends ProviderAccountStore {
  /** Adds or replaces an account: `sub` is also the username on the login page. */
  putAccount: (sub: string, account: ProviderAccount) => Promise<void>;
  close: () => Promise<void>;
}

/** Where the account store is and its token: enough for another process to fill it. */
export interface ProviderAccountStore {
  issuer: string;
  storeToken: string;
}

/** Adds or replaces an account of a provider started elsewhere (e.g. by an e2e global setup). */
export async function putProviderAccount(
  store: ProviderAccountStore,
  sub: string,
  account: ProviderAccount,
): Promise<void> {
  const response = await fetch(`${store.issuer}/test/accounts/${encodeURIComponent(sub)}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${store.storeToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (response.status !== 204) throw new Error(`Account store: ${response.status}`);
}

const SERVER = join(__dirname, 'openid-provider-server.ts');
const READY_TIMEOUT_MS = 30_000;

export async function startOpenIdProvider(
  options: Omit<OpenIdProviderSettings, 'storeToken'>,
): Promise<OpenIdProvider> {
  const storeToken = randomBytes(24).toString('hex');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', SERVER], {
    cwd: join(__dirname, '../..'),
    env: {
      ...process.env,
      OPENID_PROVIDER_SETTINGS: JSON.stringify({ ...options, storeToken }),
      NODE_NO_WARNINGS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its start-up warnings (Node 20, the in-memory store) are meant for a real deployment.
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
    if (!line.startsWith('oidc-provider WARNING'))
      process.stderr.write(`[openid provider] ${line}\n`);
  });
  const issuer = await firstLine(child);
  return {
    issuer,
    storeToken,
    putAccount: (sub, account) => putProviderAccount({ issuer, storeToken }, sub, account),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error('The OpenID provider did not start in time'));
    }, READY_TIMEOUT_MS);
    child.once('exit', (code) => reject(new Error(`The OpenID provider exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { issuer: string }).issuer);
    });
  });
}

export interface CodeFlowRequest {
  clientId: string;
  redirectUri: string;
  username: string;
  password: string;
  /** The API the access token is for (RFC 8707); the provider's default resource when absent. */
  resource?: string;
}

export interface CodeFlowTokens {
  accessToken: string;
  idToken: string;
}

/**
 * Signs in as a browser would, over plain HTTP: the authorization request with a PKCE challenge,
 * the provider's login page (its form posted with the password), the redirects back with the
 * code, and the code traded for tokens with the verifier. Throws when the provider refuses.
 */
export async function signInWithCodeFlow(
  issuer: string,
  request: CodeFlowRequest,
): Promise<CodeFlowTokens> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: 'openid profile email',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state,
    ...(request.resource ? { resource: request.resource } : {}),
  }).toString();

  const browser = new CookieJarBrowser();
  const loginPage = await browser.followUntil(authorize.href, (url) =>
    url.pathname.startsWith('/interaction/'),
  );
  const callback = await browser.followUntil(
    await browser.submitLogin(loginPage, request.username, request.password),
    (url) => url.href.startsWith(request.redirectUri),
  );
  const code = callback.searchParams.get('code');
  if (callback.searchParams.get('state') !== state || !code) {
    throw new Error(`Sign-in did not return a code: ${callback.search}`);
  }
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: request.redirectUri,
      client_id: request.clientId,
      code_verifier: verifier,
    }),
  });
  const tokens = (await response.json()) as { access_token?: string; id_token?: string };
  if (!response.ok || !tokens.access_token || !tokens.id_token) {
    throw new Error(`Token exchange failed: ${response.status} ${JSON.stringify(tokens)}`);
  }
  return { accessToken: tokens.access_token, idToken: tokens.id_token };
}

/** Just enough of a browser for the provider: its cookies, and redirects followed by hand. */
class CookieJarBrowser {
  private readonly cookies = new Map<string, string>();
  private static readonly MAX_REDIRECTS = 10;

  /** Follows redirects from `start` until a URL matches; that URL is not requested. */
  async followUntil(start: string, done: (url: URL) => boolean): Promise<URL> {
    let url = new URL(start);
    for (let hop = 0; hop < CookieJarBrowser.MAX_REDIRECTS; hop += 1) {
      if (done(url)) return url;
      const response = await this.request(url, { method: 'GET' });
      const location = response.headers.get('location');
      if (!location) throw new Error(`${url.pathname} answered ${response.status}, no redirect`);
      url = new URL(location, url);
    }
    throw new Error(`Too many redirects from ${start}`);
  }

  /** Posts the login form of the page; its redirect is where the flow goes on. */
  async submitLogin(loginPage: URL, username: string, password: string): Promise<string> {
    const form = await (await this.request(loginPage, { method: 'GET' })).text();
    const action = /<form method="post" action="([^"]+)"/.exec(form)?.[1];
    if (!action) throw new Error('The provider showed no login form');
    const response = await this.request(new URL(action, loginPage), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: username, password }).toString(),
    });
    const location = response.headers.get('location');
    if (!location) throw new Error('The provider refused the sign-in: it showed its form again');
    return new URL(location, loginPage).href;
  }

  private async request(url: URL, init: RequestInit): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const separator = pair.indexOf('=');
      this.cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    return response;
  }
}

/**
 * Sign-in through the organisation's identity provider (OpenID Connect, authorization code with
 * PKCE), when the build is configured with VITE_OIDC_ISSUER and VITE_OIDC_CLIENT_ID. The API
 * verifies the resulting access token against the same issuer (AUTH_OIDC_ISSUER).
 */
const PENDING_KEY = 'schakel.oidc';
export const OIDC_CALLBACK_PATH = '/signed-in';

interface OidcConfig {
  issuer: string;
  clientId: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

export function oidcConfig(): OidcConfig | null {
  const issuer = import.meta.env.VITE_OIDC_ISSUER as string | undefined;
  const clientId = import.meta.env.VITE_OIDC_CLIENT_ID as string | undefined;
  return issuer && clientId ? { issuer: issuer.replace(/\/$/, ''), clientId } : null;
}

function base64Url(bytes: ArrayBuffer | Uint8Array): string {
  const binary = String.fromCharCode(...new Uint8Array(bytes));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

async function discover(config: OidcConfig): Promise<Discovery> {
  const response = await fetch(`${config.issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`OIDC discovery failed (${response.status})`);
  return (await response.json()) as Discovery;
}

function redirectUri(): string {
  return `${window.location.origin}${import.meta.env.BASE_URL.replace(/\/$/, '')}${OIDC_CALLBACK_PATH}`;
}

/** Sends the browser to the identity provider. */
export async function startOidcSignIn(config: OidcConfig): Promise<void> {
  const { authorization_endpoint } = await discover(config);
  const verifier = randomString();
  const state = randomString();
  const challenge = base64Url(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)),
  );
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid profile email',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }).toString();
  window.location.assign(url.toString());
}

/** On the callback page: trades the code for an access token. */
export async function finishOidcSignIn(config: OidcConfig, search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? '{}') as {
    verifier?: string;
    state?: string;
  };
  sessionStorage.removeItem(PENDING_KEY);
  const code = params.get('code');
  if (!code || !pending.verifier || params.get('state') !== pending.state) {
    throw new Error('OIDC callback without a matching sign-in');
  }
  const { token_endpoint } = await discover(config);
  const response = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`OIDC token exchange failed (${response.status})`);
  const { access_token } = (await response.json()) as { access_token?: string };
  if (!access_token) throw new Error('OIDC token response without access_token');
  return access_token;
}

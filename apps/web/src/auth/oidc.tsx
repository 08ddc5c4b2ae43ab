import * as oauth from 'oauth4webapi';
import type { IdentityProvider } from '../api/auth-api';

/**
 * Sign-in through an organisation's identity provider: OpenID Connect, authorization code with
 * PKCE, done by oauth4webapi. Which providers there are, and the console's client id at each, the
 * API says at run time (GET /auth/providers), so one build serves every deployment. The API
 * verifies the resulting access token against the same provider.
 */
export const OIDC_CALLBACK_PATH = '/signed-in';
const PENDING_KEY = 'schakel.oidc.pending';
const SESSION_KEY = 'schakel.oidc.session';

interface Pending {
  providerId: string;
  verifier: string;
  state: string;
  nonce: string;
}

/** Whom to sign out of as well when the person signs out of the console. */
interface ProviderSession {
  providerId: string;
  issuer: string;
  clientId: string;
  idToken: string;
}

const consoleUrl = (path: string) =>
  `${window.location.origin}${import.meta.env.BASE_URL.replace(/\/$/, '')}${path}`;

/** Plain http only for a provider on this machine (development and the e2e stack). */
const requestOptions = (issuer: URL) => ({
  [oauth.allowInsecureRequests]:
    issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname),
});

async function discover(provider: Pick<IdentityProvider, 'issuer'>) {
  const issuer = new URL(provider.issuer);
  const response = await oauth.discoveryRequest(issuer, requestOptions(issuer));
  return oauth.processDiscoveryResponse(issuer, response);
}

/** Sends the browser to the identity provider's sign-in. */
export async function startOidcSignIn(provider: IdentityProvider): Promise<void> {
  const server = await discover(provider);
  if (!server.authorization_endpoint) throw new Error('The provider has no authorization endpoint');
  const pending: Pending = {
    providerId: provider.id,
    verifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(server.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: consoleUrl(OIDC_CALLBACK_PATH),
    scope: provider.scope,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  }).toString();
  window.location.assign(url.href);
}

/** On the callback page: checks the answer against the pending sign-in and trades the code for tokens. */
export async function finishOidcSignIn(
  providers: IdentityProvider[],
  callback: URL,
): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as Pending | null;
  sessionStorage.removeItem(PENDING_KEY);
  const provider = providers.find((candidate) => candidate.id === pending?.providerId);
  if (!pending || !provider) throw new Error('OIDC callback without a pending sign-in');
  const server = await discover(provider);
  const client: oauth.Client = { client_id: provider.clientId };
  const parameters = oauth.validateAuthResponse(server, client, callback, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    server,
    client,
    oauth.None(),
    parameters,
    consoleUrl(OIDC_CALLBACK_PATH),
    pending.verifier,
    requestOptions(new URL(provider.issuer)),
  );
  const tokens = await oauth.processAuthorizationCodeResponse(server, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  });
  const session: ProviderSession = {
    providerId: provider.id,
    issuer: provider.issuer,
    clientId: provider.clientId,
    idToken: tokens.id_token as string,
  };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return tokens.access_token;
}

/**
 * After the console forgot its token: ends the session at the identity provider too (RP-initiated
 * logout), which sends the browser back to the console; false when there is none to end.
 */
export async function endOidcSession(): Promise<boolean> {
  const session = JSON.parse(
    sessionStorage.getItem(SESSION_KEY) ?? 'null',
  ) as ProviderSession | null;
  sessionStorage.removeItem(SESSION_KEY);
  if (!session) return false;
  const server = await discover(session);
  if (!server.end_session_endpoint) return false;
  const url = new URL(server.end_session_endpoint);
  url.search = new URLSearchParams({
    id_token_hint: session.idToken,
    client_id: session.clientId,
    post_logout_redirect_uri: consoleUrl('/'),
  }).toString();
  window.location.assign(url.href);
  return true;
}

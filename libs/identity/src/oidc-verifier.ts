import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { OidcProvider } from '@schakel/config';

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/** The claims of a token one of the configured identity providers signed. */
export interface VerifiedOidcToken {
  provider: OidcProvider;
  payload: JWTPayload;
}

/**
 * Verifies identity providers' tokens: the provider is picked by the token's `iss`, its signature
 * checked against that provider's key set (fetched from `jwksUrl`, or the `jwks_uri` of its
 * discovery document, and cached by `jose`, which refetches for an unknown `kid`), its audience
 * and expiry against the provider's settings.
 */
export class OidcVerifier {
  private readonly keySets = new Map<string, Promise<KeySet>>();

  constructor(private readonly providers: readonly OidcProvider[]) {}

  /** The provider whose issuer this is; undefined for an issuer not configured. */
  providerOf(issuer: string | undefined): OidcProvider | undefined {
    return this.providers.find((provider) => provider.issuer === issuer);
  }

  /** Throws (jose's errors) when the token is not valid for the provider. */
  async verify(token: string, provider: OidcProvider): Promise<VerifiedOidcToken> {
    const { payload } = await jwtVerify(token, await this.keySet(provider), {
      issuer: provider.issuer,
      audience: provider.audience,
    });
    return { provider, payload };
  }

  private keySet(provider: OidcProvider): Promise<KeySet> {
    let keySet = this.keySets.get(provider.id);
    if (!keySet) {
      keySet = this.keySetUrl(provider).then((url) => createRemoteJWKSet(url));
      // A provider that was down is asked again on the next token.
      keySet.catch(() => this.keySets.delete(provider.id));
      this.keySets.set(provider.id, keySet);
    }
    return keySet;
  }

  private async keySetUrl(provider: OidcProvider): Promise<URL> {
    if (provider.jwksUrl) return new URL(provider.jwksUrl);
    const discovery = `${provider.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(discovery, { signal: AbortSignal.timeout(5_000) });
    const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: unknown };
    if (!response.ok || typeof jwksUri !== 'string') {
      throw new Error(`${discovery} names no jwks_uri (${response.status})`);
    }
    return new URL(jwksUri);
  }
}

import type { RequestHandler } from 'express';
import helmet from 'helmet';

const ONE_YEAR_SECONDS = 31_536_000;
/** Swagger UI (SwaggerModule in configure-app.ts) styles its page inline; nothing else may. */
const API_DOCS_PATH = '/api/docs';

function policy(production: boolean, styleSrc: string[], connectSrc: string[]): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc,
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...connectSrc],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production
      ? { maxAge: ONE_YEAR_SECONDS, includeSubDomains: true }
      : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
  });
}

/**
 * The security headers of every response (docs/deployment.md#http-headers). The console's build
 * loads only its own scripts and style sheets, so `script-src 'self'` and `style-src 'self'`
 * (React sets style properties through the CSSOM, which CSP does not restrict); only Swagger UI
 * gets inline styles. The console may also fetch from the identity providers it signs people in
 * through (`identityProviders`: their origins, for discovery and the code exchange). HSTS and
 * upgrade-insecure-requests only in production, where TLS terminates in front of the API; a
 * developer's http://localhost stays usable.
 */
export function securityHeaders(
  production: boolean,
  identityProviders: readonly string[] = [],
): RequestHandler {
  const origins = [...new Set(identityProviders.map((url) => new URL(url).origin))];
  const strict = policy(production, ["'self'"], origins);
  const apiDocs = policy(production, ["'self'", "'unsafe-inline'"], []);
  return (request, response, next) =>
    (request.path.startsWith(API_DOCS_PATH) ? apiDocs : strict)(request, response, next);
}

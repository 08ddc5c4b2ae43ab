import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Response } from 'supertest';
import { startTestStack, type TestStack } from './support/test-stack';

const INDEX = resolve('apps/web/dist/index.html');
const BODY_LIMIT = 65_536;

/** Every answer's request id is in its X-Request-Id header and, for an error, in the body too. */
function expectRequestId(response: Response): void {
  const id = response.headers['x-request-id'];
  expect(id).toMatch(/^[\w.-]+$/);
  expect((response.body as { requestId?: string }).requestId).toBe(id);
}

describe('Web delivery: headers, compression, caching and HTTP statuses', () => {
  let stack: TestStack;
  let script: string;

  beforeAll(async () => {
    if (!existsSync(INDEX)) {
      throw new Error(
        'Build the console first: npm run build --prefix apps/web (scripts/test.sh does)',
      );
    }
    const match = /src="(\/app\/assets\/index-[\w-]+\.js)"/.exec(readFileSync(INDEX, 'utf8'));
    if (!match) throw new Error('index.html names no hashed entry script');
    script = match[1];
    stack = await startTestStack({
      worker: false,
      environment: { HTTP_BODY_LIMIT_BYTES: String(BODY_LIMIT) },
    });
  }, 120_000);

  afterAll(() => stack.close());

  it('sends the security headers on the console, the API and errors alike', async () => {
    for (const response of [
      await stack.http().get('/app/'),
      await stack.http().head('/app/cases/123'),
      await stack.http().get('/health/live'),
      await stack.http().get('/no-such-path'),
    ]) {
      const csp = response.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self';");
      expect(csp).not.toContain('unsafe');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(response.headers['x-powered-by']).toBeUndefined();
      // HSTS only in production (security-headers.middleware.spec.ts): not on a developer's http.
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('revalidates index.html and caches hashed assets for a year', async () => {
    for (const path of ['/app/', '/app/escalations']) {
      const page = await stack.http().get(path).expect(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.text).toContain(script);
    }
    const asset = await stack.http().get(script).expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await stack.http().get('/app/assets/index-00000000.js').expect(404);
    expectRequestId(missing);
  });

  it('compresses with brotli or gzip as the client accepts', async () => {
    const plain = await stack.http().get(script).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const encoding of ['br', 'gzip']) {
      const response = await stack.http().get(script).set('Accept-Encoding', encoding).expect(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers.vary).toMatch(/Accept-Encoding/i);
      // Decompressed by the client: the same file.
      expect(response.text).toBe(plain.text);
    }
    const json = await stack.http().get('/api/docs-json').set('Accept-Encoding', 'gzip');
    expect(json.headers['content-encoding']).toBe('gzip');
  });

  it('publishes no source maps', async () => {
    const asset = await stack.http().get(script).expect(200);
    expect(asset.text).not.toContain('sourceMappingURL');
    await stack.http().get(`${script}.map`).expect(404);
  });

  it('answers body-parser errors with the request id: invalid JSON, 413', async () => {
    const invalid = await stack
      .http()
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username":');
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toBe('The request body is not valid JSON');
    expectRequestId(invalid);

    const large = await stack
      .http()
      .post('/auth/login')
      .send({ username: 'x'.repeat(BODY_LIMIT), password: 'y' });
    expect(large.status).toBe(413);
    expectRequestId(large);
  });

  it('answers 415 to a body that is not JSON on a JSON endpoint', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await stack
        .http()
        .post('/auth/login')
        .set('Content-Type', type)
        .send('username=admin');
      expect(response.status).toBe(415);
      expect(response.body.message).toContain('application/json');
      expectRequestId(response);
    }
    // A bare POST (Content-Length: 0, no Content-Type) is not a body of the wrong type.
    const bare = await stack.http().post('/auth/login');
    expect(bare.status).toBe(400);
    // JSON with a charset, and JSON-based types, are JSON.
    const charset = await stack
      .http()
      .post('/auth/login')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ username: 'nobody', password: 'wrong-password' }));
    expect(charset.status).toBe(401);
  });

  it('answers 405 with Allow to a wrong method on a known path, 404 on an unknown one', async () => {
    const login = await stack.http().get('/auth/login');
    expect(login.status).toBe(405);
    expect(login.headers.allow).toBe('POST');
    expectRequestId(login);

    const cases = await stack.http().delete('/cases');
    expect(cases.status).toBe(405);
    expect(cases.headers.allow?.split(', ')).toEqual(
      expect.arrayContaining(['GET', 'HEAD', 'POST']),
    );

    const unknown = await stack.http().delete('/no-such-path');
    expect(unknown.status).toBe(404);
    expectRequestId(unknown);
  });
});

import express from 'express';
import request from 'supertest';
import { securityHeaders } from './security-headers.middleware';

const served = (production: boolean) =>
  express()
    .use(securityHeaders(production))
    .get(['/', '/api/docs'], (_request, response) => response.send('ok'));

const styleSrc = (csp: string) => /style-src ([^;]*)/.exec(csp)?.[1];

describe('security headers', () => {
  it('asks browsers for HTTPS only in production', async () => {
    const production = await request(served(true)).get('/').expect(200);
    expect(production.headers['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(production.headers['content-security-policy']).toContain('upgrade-insecure-requests');

    const development = await request(served(false)).get('/').expect(200);
    expect(development.headers['strict-transport-security']).toBeUndefined();
    expect(development.headers['content-security-policy']).not.toContain(
      'upgrade-insecure-requests',
    );
  });

  it('allows inline styles for Swagger UI only', async () => {
    const console = await request(served(false)).get('/').expect(200);
    expect(styleSrc(console.headers['content-security-policy'])).toBe("'self'");
    const docs = await request(served(false)).get('/api/docs').expect(200);
    expect(styleSrc(docs.headers['content-security-policy'])).toBe("'self' 'unsafe-inline'");
  });

  it("lets the console fetch from the identity providers' origins, nothing else", async () => {
    const app = express()
      .use(securityHeaders(false, ['https://id.example.nl/realms/a', 'https://id.example.nl/b']))
      .get('/', (_request, response) => response.send('ok'));
    const csp = (await request(app).get('/').expect(200)).headers['content-security-policy'];
    expect(/connect-src ([^;]*)/.exec(csp)?.[1]).toBe("'self' https://id.example.nl");
    const bare = (await request(served(false)).get('/').expect(200)).headers;
    expect(/connect-src ([^;]*)/.exec(bare['content-security-policy'])?.[1]).toBe("'self'");
  });
});

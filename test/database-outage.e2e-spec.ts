import { startTestStack, type TestStack } from './support/test-stack';
import { TEST_DATABASE } from './support/test-environment';
import { TcpProxy } from './support/tcp-proxy';

/** The API reaches PostgreSQL through a proxy the test can cut: an outage answers 503, never 500. */
describe('a database outage', () => {
  const proxy = new TcpProxy('127.0.0.1', 5432);
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    await proxy.start();
    stack = await startTestStack({
      worker: false,
      environment: { DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/${TEST_DATABASE}` },
    });
    token = await stack.bearer('regisseur');
  });
  afterAll(async () => {
    await stack.close();
    await proxy.cut();
  });

  it('answers 503 with Retry-After while PostgreSQL is unreachable, and recovers', async () => {
    expect((await stack.http().get('/cases').set('Authorization', token)).status).toBe(200);

    await proxy.cut();
    for (const path of ['/cases', '/escalations', '/kpis/lead-times']) {
      const response = await stack.http().get(path).set('Authorization', token);
      expect({
        path,
        status: response.status,
        retryAfter: response.headers['retry-after'],
      }).toEqual({ path, status: 503, retryAfter: '5' });
      expect(response.body).toMatchObject({
        statusCode: 503,
        message: expect.stringContaining('unavailable'),
        requestId: expect.any(String),
      });
    }

    await proxy.restore();
    expect((await stack.http().get('/cases').set('Authorization', token)).status).toBe(200);
  });
});

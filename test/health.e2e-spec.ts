import { eventually } from './support/eventually';
import { startTestStack, type TestStack } from './support/test-stack';

describe('health', () => {
  let stack: TestStack;
  afterEach(() => stack.close());

  it('answers liveness and readiness with every dependency up and a worker polling', async () => {
    stack = await startTestStack();
    await stack.http().get('/health').expect(200, { status: 'ok' });
    const ready = await eventually(() => stack.http().get('/health/ready').expect(200));
    expect(ready.body.info).toMatchObject({
      postgres: { status: 'up' },
      temporal: { status: 'up' },
      workers: { status: 'up', pollers: expect.any(Number) },
      redis: { status: 'up', reachable: true },
      sideEffects: { status: 'up', outboxPending: expect.any(Number) },
    });
  });

  it('names the dependencies that are down and answers 503; Redis alone does not stop the chain', async () => {
    stack = await startTestStack({
      worker: false,
      relay: false,
      environment: { REDIS_URL: 'redis://127.0.0.1:1', TEMPORAL_ADDRESS: '127.0.0.1:1' },
    });
    const ready = await stack.http().get('/health/ready').expect(503);
    expect(ready.body.info).toMatchObject({
      postgres: { status: 'up' },
      redis: { status: 'up', reachable: false },
    });
    expect(Object.keys(ready.body.error).sort()).toEqual(['temporal', 'workers']);
    expect(ready.body.error.temporal.message).toEqual(expect.any(String));
  });

  it('needs no token for health and documentation', async () => {
    stack = await startTestStack({ worker: false });
    const docs = await stack.http().get('/api/docs-json').expect(200);
    expect(docs.body.info.title).toBe('Schakel API');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/health/ready', '/auth/login', '/admin/smoke']),
    );
  });
});

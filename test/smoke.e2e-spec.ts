import { startTestStack, type TestStack } from './support/test-stack';

describe('smoke workflow (API → Temporal → worker → PostgreSQL)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it('runs a workflow round trip for an admin', async () => {
    const before = Date.now();
    const response = await stack
      .http()
      .post('/admin/smoke')
      .set('Authorization', await stack.bearer('admin'))
      .send({ message: 'hallo keten' })
      .expect(200);
    expect(response.body).toMatchObject({
      message: 'hallo keten',
      workflowId: expect.stringMatching(/^smoke-[0-9a-f-]{36}$/),
      handledBy: expect.stringContaining(`:${process.pid}`),
    });
    expect(Date.parse(response.body.databaseTime)).toBeGreaterThanOrEqual(before - 60_000);
  });

  it('validates the request before anything starts', async () => {
    const response = await stack
      .http()
      .post('/admin/smoke')
      .set('Authorization', await stack.bearer('admin'))
      .send({ message: '' })
      .expect(400);
    expect(response.body.errors).toEqual([
      { field: 'message', reason: 'message must be longer than or equal to 1 characters' },
    ]);
  });
});

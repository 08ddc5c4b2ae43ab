import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { onboardExampleChain } from '../scripts/onboarding/onboard-example-chain';
import { DEMO_PASSWORD } from '../apps/api/src/demo/demo-users';
import { startTestStack, type TestStack } from './support/test-stack';

describe('the example onboarding script', () => {
  let stack: TestStack;
  let baseUrl: string;

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.api.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(stack.api.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => stack.close());

  it('onboards the Wmo chain through public interfaces; its staff sign in and work a case', async () => {
    const suffix = randomUUID().slice(0, 8);
    const result = await onboardExampleChain(
      baseUrl,
      { username: 'admin', password: DEMO_PASSWORD },
      suffix,
    );
    expect(result.people.caseworkers).toHaveLength(result.organisations.length);
    expect(result.regisseurCases.map((item) => item.id)).toContain(result.caseId);
    // The regisseur was granted this chain only.
    expect(new Set(result.regisseurCases.map((item) => item.chainId))).toEqual(
      new Set([result.chainId]),
    );
    const timeline = await stack
      .http()
      .get(`/cases/${result.caseId}/timeline`)
      .set('Authorization', await stack.bearer('regisseur'))
      .expect(200);
    expect((timeline.body as { type: string }[]).map((entry) => entry.type)).toContain(
      'task.completed',
    );
  });
});

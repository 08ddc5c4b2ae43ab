import { CaseDriver } from './case-driver';
import type { TestStack } from './test-stack';

/** Publishes a model (YAML) as a test's own chain, the way a model owner does over HTTP. */
export async function publishModel(
  stack: TestStack,
  chainId: string,
  source: string,
): Promise<void> {
  const admin = await new CaseDriver(stack).as('admin');
  await stack
    .http()
    .post('/models/drafts')
    .set('Authorization', admin)
    .set('Content-Type', 'application/yaml')
    .send(source)
    .expect(201);
  await stack
    .http()
    .post(`/models/drafts/${chainId}/publish`)
    .set('Authorization', admin)
    .expect(201);
}

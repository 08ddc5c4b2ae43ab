import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, type ReferenceModel } from '@schakel/reference-model';
import { REPOSITORY_ROOT } from './test-environment';
import type { TestStack } from './test-stack';

/** The debt chain's model under a chain id of the test's own. */
export function debtChainCopy(chainId: string): ReferenceModel {
  const loaded = loadModel(
    readFileSync(join(REPOSITORY_ROOT, 'models/vroegsignalering-schuldhulp.yaml'), 'utf8'),
  );
  if (!loaded.ok) throw new Error('the debt chain example does not load');
  return { ...loaded.model, chain: { ...loaded.model.chain, id: chainId } };
}

/** Publishes a model as the chain's next version, the way a model owner does. */
export async function publish(stack: TestStack, owner: string, model: ReferenceModel) {
  await stack
    .http()
    .post('/models/drafts')
    .set('Authorization', owner)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(model))
    .expect(201);
  await stack
    .http()
    .post(`/models/drafts/${model.chain.id}/publish`)
    .set('Authorization', owner)
    .expect(201);
}

import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { caseWorkflowId } from '@schakel/contracts';
import {
  ENCRYPTION_KEY_ID,
  EncryptionCodec,
  historyPayloads,
  PayloadDecryptionError,
} from '@schakel/temporal';
import { CaseDriver } from './support/case-driver';
import { testKeyring } from './support/test-environment';
import { startTestStack, type TestStack } from './support/test-stack';

const { keys } = testKeyring();
const entry = (id: string) => `${id}:${(keys.get(id) as Buffer).toString('base64')}`;
const KEY_A = 'test-fixture-a';
const KEY_B = 'test-fixture-b';

/** Key ids of every encrypted payload in a history. */
const keyIdsIn = (history: Parameters<typeof historyPayloads>[0]) =>
  new Set(
    historyPayloads(history)
      .map(({ payload }) => payload.metadata?.[ENCRYPTION_KEY_ID])
      .filter((keyId) => keyId !== undefined)
      .map((keyId) => Buffer.from(keyId).toString('utf8')),
  );

/**
 * Rotation as docs/operations.md describes it: a case starts under key A; the deployment then knows
 * A and B with B primary, API and worker restart, and the running case completes.
 */
describe('payload key rotation with a running case', () => {
  const taskQueue = `schakel-test-${randomUUID()}`;
  let stack: TestStack | undefined;
  afterAll(() => stack?.close());

  const start = (environment: Record<string, string>) =>
    startTestStack({
      environment: { TEMPORAL_TASK_QUEUE: taskQueue, PAYLOAD_CODEC_KEYS_FILE: '', ...environment },
    });

  it('completes a case started under key A after B became primary', async () => {
    stack = await start({ PAYLOAD_CODEC_KEYS: entry(KEY_A), PAYLOAD_CODEC_PRIMARY_KEY_ID: KEY_A });
    let driver = new CaseDriver(stack);
    const { case: opened } = await driver.open('woningcorporatie.medewerker', {
      chainId: 'vroegsignalering-schuldhulp',
      category: 'arrears-signal',
      clientQuestion: 'Energieachterstand.',
      clientReference: 'KP-ROT-0001',
      data: {
        'client-name': 'R. Otatie',
        'contact-address': 'Sleutelweg 2',
        'amount-owed': 640,
        'days-in-arrears': 40,
        'reminder-sent': true,
        'signal-source': 'energy',
      },
    });
    await driver.complete('gemeente.medewerker', opened.id, 'matching', 'triaged', {
      crisis: false,
    });
    const workflowId = caseWorkflowId(opened.id);
    const underA = await stack.api.get(Client).workflow.getHandle(workflowId).fetchHistory();
    expect(keyIdsIn(underA)).toEqual(new Set([KEY_A]));
    // Key B alone cannot read the case so far: A must stay configured after the rotation.
    const onlyB = new EncryptionCodec({
      primaryKeyId: KEY_B,
      keys: new Map([[KEY_B, keys.get(KEY_B) as Buffer]]),
    });
    const input =
      underA.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    await expect(onlyB.decode(input)).rejects.toThrow(PayloadDecryptionError);

    await stack.close();
    stack = await start({
      PAYLOAD_CODEC_KEYS: `${entry(KEY_A)},${entry(KEY_B)}`,
      PAYLOAD_CODEC_PRIMARY_KEY_ID: KEY_B,
    });
    driver = new CaseDriver(stack);
    const outreach = await driver.complete(
      'gemeente.medewerker',
      opened.id,
      'outreach',
      'declined',
      {
        'contact-channel': 'phone',
      },
    );
    expect(outreach.ended).toEqual(expect.objectContaining({ endId: 'help-declined' }));

    const handle = stack.api.get(Client).workflow.getHandle(workflowId);
    await handle.result();
    expect(keyIdsIn(await handle.fetchHistory())).toEqual(new Set([KEY_A, KEY_B]));
    const read = await driver.get('regisseur', `/cases/${opened.id}`);
    expect(read.status).toBe(200);
    const caseworker = await driver.get('gemeente.medewerker', `/cases/${opened.id}`);
    expect(JSON.stringify(caseworker.body)).toContain('R. Otatie');
  });
});

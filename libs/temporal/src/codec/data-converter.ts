import type { DataConverter } from '@temporalio/common';
import type { Keyring } from '@schakel/config';
import { EncryptionCodec } from './encryption.codec';

/** Resolved next to this file: the .ts source under Jest and swc-node, the .js in compiled output. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The data converter of every Temporal client and worker: payloads encrypted with the keyring's
 * primary key, failure messages and stacks encoded (and so encrypted) too. A worker running a
 * prebuilt workflow bundle needs the bundle built with the same FAILURE_CONVERTER_PATH.
 */
export function encryptedDataConverter(keyring: Keyring): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(keyring)],
    failureConverterPath: FAILURE_CONVERTER_PATH,
  };
}

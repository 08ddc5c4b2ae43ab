import { performance } from 'node:perf_hooks';
import { Client, type Connection } from '@temporalio/client';
import type { PayloadCodecKeyring } from '@schakel/config';
import { ENCRYPTED_ENCODING, EncryptionCodec, historyPayloads } from '@schakel/temporal';

/** Histories whose payloads make up the sample, and the time box of the measurement. */
const SAMPLE_WORKFLOWS = 5;
const MIN_MEASURE_MS = 500;
const MAX_ROUNDS = 200;

export interface CodecCost {
  workflows: number;
  payloadsPerHandover: number;
  plaintextBytesPerHandover: number;
  encodeMicrosPerHandover: number;
  decodeMicrosPerHandover: number;
  encodeMicrosPerPayload: number;
  decodeMicrosPerPayload: number;
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * What the payload codec costs per handover: every encrypted payload of finished cases' histories
 * (start input, Update arguments and results, activity inputs and results), decrypted once, then
 * encrypted and decrypted again in a loop in this process — CPU time on one core, no I/O.
 */
export async function measureCodecCost(
  connection: Connection,
  keyring: PayloadCodecKeyring,
  workflowIds: string[],
  handoversPerWorkflow: number,
): Promise<CodecCost> {
  const client = new Client({ connection });
  const sample = workflowIds.slice(0, SAMPLE_WORKFLOWS);
  const histories = await Promise.all(
    sample.map((workflowId) => client.workflow.getHandle(workflowId).fetchHistory()),
  );
  const encrypted = histories
    .flatMap((history) => historyPayloads(history))
    .map(({ payload }) => payload)
    .filter(
      (payload) => Buffer.from(payload.metadata?.encoding ?? []).toString() === ENCRYPTED_ENCODING,
    );
  const codec = new EncryptionCodec(keyring);
  const plain = await codec.decode(encrypted);
  let encodeMs = 0;
  let decodeMs = 0;
  let rounds = 0;
  while (rounds < MAX_ROUNDS && encodeMs + decodeMs < MIN_MEASURE_MS) {
    const started = performance.now();
    await codec.encode(plain);
    const encoded = performance.now();
    await codec.decode(encrypted);
    decodeMs += performance.now() - encoded;
    encodeMs += encoded - started;
    rounds += 1;
  }
  const handovers = sample.length * handoversPerWorkflow;
  const perRound = (total: number, divisor: number) => round(((total / rounds) * 1000) / divisor);
  return {
    workflows: sample.length,
    payloadsPerHandover: round(encrypted.length / handovers),
    plaintextBytesPerHandover: Math.round(
      plain.reduce((sum, payload) => sum + (payload.data?.length ?? 0), 0) / handovers,
    ),
    encodeMicrosPerHandover: perRound(encodeMs, handovers),
    decodeMicrosPerHandover: perRound(decodeMs, handovers),
    encodeMicrosPerPayload: perRound(encodeMs, encrypted.length),
    decodeMicrosPerPayload: perRound(decodeMs, encrypted.length),
  };
}

import { performance } from 'node:perf_hooks';
import { Client, type Connection } from '@temporalio/client';
import type { Keyring } from '@schakel/config';
import { ENCRYPTED_ENCODING, EncryptionCodec, historyPayloads } from '@schakel/temporal';

/** Histories whose payloads make up the sample, and the bounds of the measurement. */
const SAMPLE_WORKFLOWS = 5;
const WARMUP_ROUNDS = 5;
const MIN_ROUNDS = 20;
const MAX_ROUNDS = 500;
const MEASURE_MS = 2_000;

export interface CodecCost {
  workflows: number;
  payloadsPerHandover: number;
  plaintextBytesPerHandover: number;
  /** Timed rounds (each: every payload encrypted, then decrypted); figures are the median round's. */
  rounds: number;
  encodeMicrosPerHandover: number;
  decodeMicrosPerHandover: number;
  encodeMicrosPerPayload: number;
  decodeMicrosPerPayload: number;
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * What the payload codec costs per handover: every encrypted payload of finished cases' histories
 * (start input, Update arguments and results, activity inputs and results), decrypted once, then
 * encrypted and decrypted again in rounds in this process (after a warm-up) — CPU time on one
 * core, no I/O.
 */
export async function measureCodecCost(
  connection: Connection,
  keyring: Keyring,
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
  const roundTimes = async () => {
    const started = performance.now();
    await codec.encode(plain);
    const encoded = performance.now();
    await codec.decode(encrypted);
    return { encodeMs: encoded - started, decodeMs: performance.now() - encoded };
  };
  for (let warmup = 0; warmup < WARMUP_ROUNDS; warmup += 1) await roundTimes();
  const rounds: { encodeMs: number; decodeMs: number }[] = [];
  const deadline = performance.now() + MEASURE_MS;
  while (
    rounds.length < MIN_ROUNDS ||
    (rounds.length < MAX_ROUNDS && performance.now() < deadline)
  ) {
    rounds.push(await roundTimes());
  }
  // The median round: the machine is shared, so single rounds can stall.
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const encodeMs = median(rounds.map((times) => times.encodeMs));
  const decodeMs = median(rounds.map((times) => times.decodeMs));
  const handovers = sample.length * handoversPerWorkflow;
  const micros = (ms: number, divisor: number) => round((ms * 1000) / divisor);
  return {
    workflows: sample.length,
    payloadsPerHandover: round(encrypted.length / handovers),
    plaintextBytesPerHandover: Math.round(
      plain.reduce((sum, payload) => sum + (payload.data?.length ?? 0), 0) / handovers,
    ),
    rounds: rounds.length,
    encodeMicrosPerHandover: micros(encodeMs, handovers),
    decodeMicrosPerHandover: micros(decodeMs, handovers),
    encodeMicrosPerPayload: micros(encodeMs, encrypted.length),
    decodeMicrosPerPayload: micros(decodeMs, encrypted.length),
  };
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultRecord } from './faults';
import type { Acknowledgement } from './good-client';
import { INVARIANTS, type Tally, type Violation } from './invariants';
import type { FaultOptions } from './options';

export interface FaultRunResult {
  startedAt: string;
  options: FaultOptions;
  apps: string[];
  seconds: { load: number; settle: number; total: number };
  cases: { driven: number; closed: number; abandoned: number };
  handoversAcknowledged: number;
  handovers: Tally;
  faults: (FaultRecord & {
    outageMs: number;
    recoveryMs: number | null;
    handoversDuring: number;
  })[];
  clientErrors: Record<string, number>;
  /** Per invariant: how many violations. */
  invariants: Record<string, number>;
  violations: Violation[];
  /** Every write the client saw acknowledged, for following a violation back to its requests. */
  acknowledgements: Acknowledgement[];
  settled: boolean;
  /** Invariants that did not fire on the deliberately corrupted copy (each one a defect of the suite). */
  silentInvariants: string[];
}

/**
 * Recovery of a fault: from its injection until the first handover acknowledged after the part was
 * restored (null when no handover followed). Handovers acknowledged during the outage show what
 * kept working.
 */
export function faultFigures(faults: FaultRecord[], acknowledgements: Acknowledgement[]) {
  const handovers = acknowledgements
    .filter((ack) => ack.action === 'complete')
    .map((ack) => ack.at);
  return faults.map((fault) => {
    const after = handovers.find((at) => at >= fault.restoredAt);
    return {
      ...fault,
      outageMs: fault.restoredAt - fault.startedAt,
      recoveryMs: after === undefined ? null : after - fault.startedAt,
      handoversDuring: handovers.filter((at) => at >= fault.startedAt && at < fault.restoredAt)
        .length,
    };
  });
}

export function invariantCounts(violations: Violation[]): Record<string, number> {
  return Object.fromEntries(
    Object.values(INVARIANTS).map((name) => [
      name,
      violations.filter((violation) => violation.invariant === name).length,
    ]),
  );
}

const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);

export function printReport(result: FaultRunResult): void {
  const lines = [
    '',
    `Fault suite (${result.options.profile}, seed ${result.options.seed}): ${result.cases.driven} cases, ` +
      `${result.handoversAcknowledged} handovers acknowledged, ${result.seconds.total} s; apps: ${result.apps.join(', ')}`,
    '',
    '| fault | outage | recovery | handovers during | note |',
    '|---|---:|---:|---:|---|',
    ...result.faults.map(
      (fault) =>
        `| ${fault.name} | ${seconds(fault.outageMs)} | ${seconds(fault.recoveryMs)} | ${fault.handoversDuring} | ${fault.notInjected ? `NOT INJECTED: ${fault.notInjected}` : (fault.detail ?? '')} |`,
    ),
    '',
    `Client-visible errors (attempts, retried with the same key): ${
      Object.entries(result.clientErrors)
        .sort()
        .map(([status, count]) => `${status}: ${count}`)
        .join(', ') || 'none'
    }`,
    '',
    `Handovers lost: ${result.handovers.lost}, duplicated: ${result.handovers.duplicated}; ` +
      `cases opened twice: ${result.handovers.openedTwice}`,
    '',
    '| invariant | violations |',
    '|---|---:|',
    ...Object.entries(result.invariants).map(([name, count]) => `| ${name} | ${count} |`),
    '',
    result.settled
      ? 'Settled: no workflow task, activity or webhook delivery pending.'
      : 'NOT SETTLED within the bound.',
    result.silentInvariants.length
      ? `SELF-CHECK FAILED: these invariants did not fire on a corrupted read side: ${result.silentInvariants.join('; ')}`
      : 'Self-check: every invariant fired on a deliberately corrupted read side.',
  ];
  console.log(lines.join('\n'));
  if (result.violations.length) {
    console.log(`\n${result.violations.length} violation(s):`);
    for (const violation of result.violations.slice(0, 50))
      console.log(`  - [${violation.invariant}] ${violation.detail}`);
    if (result.violations.length > 50)
      console.log(`  … and ${result.violations.length - 50} more (see the JSON results)`);
  }
}

export function writeResult(result: FaultRunResult): string {
  mkdirSync(result.options.outDir, { recursive: true });
  const file = join(
    result.options.outDir,
    `faults-${result.options.profile}-${result.startedAt.replace(/[:.]/g, '-')}.json`,
  );
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

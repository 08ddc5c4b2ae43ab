import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/** One handover of the bare-engine baseline: the Update carries about what a complete carries. */
export interface BaselineHandover {
  stepId: string;
  outcome: string;
  data: Record<string, unknown>;
}

export const baselineHandoverUpdate = defineUpdate<number, [BaselineHandover]>('handover');

/**
 * The engine baseline: a workflow that takes one Update per handover and decides nothing else —
 * no activity, no database, no search attributes. It ends after the expected number of handovers.
 */
export async function handoverBaselineWorkflow(handovers: number): Promise<number> {
  let done = 0;
  setHandler(baselineHandoverUpdate, () => ++done);
  await condition(() => done >= handovers);
  return done;
}

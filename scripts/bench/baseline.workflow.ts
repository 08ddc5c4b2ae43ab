import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

/** One handover of the bare-engine baseline: the Update carries about what a complete carries. */
export interface BaselineHandover {
  stepId: string;
  outcome: string;
  data: Record<string, unknown>;
}

export const baselineHandoverUpdate = defineUpdate<number, [BaselineHandover]>('handover');

/** The engine-shape baseline's activity: does nothing, as if the read side cost nothing. */
export interface BaselineActivities {
  recordHandover(handover: BaselineHandover): Promise<void>;
}

const { recordHandover } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '30 seconds',
});

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

/**
 * The engine in Schakel's shape: each Update waits for one regular activity before it answers,
 * as a transition waits for its projection — what that shape costs the engine, with nothing of
 * Schakel's own work in it.
 */
export async function handoverActivityBaselineWorkflow(handovers: number): Promise<number> {
  let done = 0;
  setHandler(baselineHandoverUpdate, async (handover) => {
    await recordHandover(handover);
    return ++done;
  });
  await condition(() => done >= handovers);
  return done;
}

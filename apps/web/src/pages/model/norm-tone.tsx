/** How a step's share within norm compares with the share the chain agreed on. */
export type NormTone = 'within' | 'near' | 'outside' | 'none';

/** Without an agreed share, 80% is the bar. */
export const DEFAULT_TARGET_SHARE = 0.8;
/** Up to this many percentage points under the agreed share counts as "near". */
const NEAR_MARGIN = 10;

export function normTone(
  withinNormPct: number | null | undefined,
  targetShare = DEFAULT_TARGET_SHARE,
): NormTone {
  if (withinNormPct === null || withinNormPct === undefined) return 'none';
  const bar = targetShare * 100;
  if (withinNormPct >= bar) return 'within';
  return withinNormPct >= bar - NEAR_MARGIN ? 'near' : 'outside';
}

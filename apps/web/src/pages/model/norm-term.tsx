import type { Duration } from '../../api/types';
import type { MessageKey } from '../../i18n/nl';
import type { Params } from '../../i18n/translate';

type Translate = (key: MessageKey, params?: Params) => string;

/** A step's target in words: "10 werkdagen", or "10 werkdagen vóór Datum detentie-einde". */
export function normTerm(
  target: Duration,
  anchor: { label: string; direction: 'before' | 'after' } | undefined,
  t: Translate,
): string {
  const amount = { amount: target.amount, unit: t(`unit.${target.unit}`) };
  return anchor
    ? t(`model.term.${anchor.direction}`, { ...amount, field: anchor.label })
    : t('model.term', amount);
}

/** The date a step's norm counts from or back to, with its label, when it has one. */
export function normAnchor(
  anchor: { field: string; direction: 'before' | 'after' } | undefined,
  fields: { id: string; label: string }[],
): { label: string; direction: 'before' | 'after' } | undefined {
  if (!anchor) return undefined;
  const label = fields.find((field) => field.id === anchor.field)?.label ?? anchor.field;
  return { label, direction: anchor.direction };
}

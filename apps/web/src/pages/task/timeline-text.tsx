import type { TimelineEntry } from '../../api/types';
import type { Dictionary, MessageKey } from '../../i18n/nl';
import type { Params } from '../../i18n/translate';
import { nl } from '../../i18n/nl';

type Translate = (key: MessageKey, params?: Params) => string;

function isKey(key: string): key is MessageKey {
  return key in (nl as Dictionary);
}

/**
 * One line per event: what happened, and its outcome, reason or note where the reader may see it;
 * a reason the reader may not read shows as withheld, with its category; a confidential step of
 * another partner only as "a partner is working on the case".
 */
export function timelineText(entry: TimelineEntry, t: Translate): string {
  const key = `event.${entry.type}`;
  const { outcome, reason, text, reasonWithheld, reasonCategory, ...moved } = entry.details as {
    outcome?: unknown;
    reason?: unknown;
    text?: unknown;
    reasonWithheld?: unknown;
    reasonCategory?: unknown;
    fromVersion?: number;
    toVersion?: number;
    fromStepId?: string;
    fromPartnerId?: string;
  };
  // A migration says between which versions of the model (issue 16).
  const versions = { from: moved.fromVersion ?? '', to: moved.toVersion ?? '' };
  const what = entry.confidential
    ? t('event.confidential')
    : isKey(key)
      ? t(key, versions)
      : entry.type;
  const extra = [
    typeof moved.fromStepId === 'string'
      ? t('event.movedFrom', { step: moved.fromStepId, partner: moved.fromPartnerId ?? '' })
      : '',
    typeof outcome === 'string' ? t('event.outcome', { outcome }) : '',
    typeof reasonCategory === 'string'
      ? t('event.reasonCategory', { category: reasonCategory })
      : '',
    typeof reason === 'string' ? t('event.reason', { reason }) : '',
    reasonWithheld === true ? t('event.reasonWithheld') : '',
    typeof text === 'string' ? text : '',
  ].filter(Boolean);
  return extra.length ? `${what} — ${extra.join('; ')}` : what;
}

import type { TimelineEntry } from '../../api/types';
import type { Dictionary, MessageKey } from '../../i18n/nl';
import type { Params } from '../../i18n/translate';
import { nl } from '../../i18n/nl';
import { formatDateTime } from '../../components/format';

type Translate = (key: MessageKey, params?: Params) => string;

function isKey(key: string): key is MessageKey {
  return key in (nl as Dictionary);
}

/** A moved due date: from when to when, and the date in the case that moved it. */
function dueMove(entry: TimelineEntry, t: Translate, locale: string): string {
  if (entry.type !== 'task.due-moved' && entry.type !== 'case.due-moved') return '';
  const { dueAt, previousDueAt, field } = entry.details as {
    dueAt?: string;
    previousDueAt?: string | null;
    field?: string;
  };
  const when = (iso: string | null | undefined) =>
    iso ? formatDateTime(iso, locale) : t('event.dueNone');
  return t('event.dueMoved', { from: when(previousDueAt), to: when(dueAt), field: field ?? '' });
}

/**
 * One line per event: what happened, by the platform itself where it acted (a task released at a
 * deactivation), and its outcome, reason or note where the reader may see it;
 * a reason the reader may not read shows as withheld, with its category; a confidential step of
 * another partner only as "a partner is working on the case"; a moved due date from when to when.
 */
export function timelineText(
  entry: TimelineEntry,
  t: Translate,
  locale: string,
  /** The label the model gives an outcome or a return category of the entry's step. */
  label: (id: string) => string = (id) => id,
): string {
  const key = `event.${entry.type}`;
  const { outcome, reason, text, reasonWithheld, reasonCategory, systemActor, ...moved } =
    entry.details as {
      systemActor?: unknown;
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
    typeof systemActor === 'string' ? t('event.systemActor', { actor: systemActor }) : '',
    typeof moved.fromStepId === 'string'
      ? t('event.movedFrom', { step: moved.fromStepId, partner: moved.fromPartnerId ?? '' })
      : '',
    typeof outcome === 'string' ? t('event.outcome', { outcome: label(outcome) }) : '',
    typeof reasonCategory === 'string'
      ? t('event.reasonCategory', { category: label(reasonCategory) })
      : '',
    typeof reason === 'string' ? t('event.reason', { reason }) : '',
    reasonWithheld === true ? t('event.reasonWithheld') : '',
    typeof text === 'string' ? text : '',
    entry.confidential ? '' : dueMove(entry, t, locale),
  ].filter(Boolean);
  return extra.length ? `${what} — ${extra.join('; ')}` : what;
}

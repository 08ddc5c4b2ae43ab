import { ESCALATION_TRIGGERS } from '../../api/escalations-api';
import { nl, type MessageKey } from '../../i18n/nl';
import type { Params } from '../../i18n/translate';

type Translate = (key: MessageKey, params?: Params) => string;

/** A known trigger in words; an unknown one as the API names it. */
export function causeText(trigger: string, t: Translate): string {
  return (ESCALATION_TRIGGERS as readonly string[]).includes(trigger)
    ? t(`cause.${trigger}` as MessageKey)
    : trigger;
}

export function levelKey(level: number): MessageKey {
  return `level.${Math.min(4, Math.max(0, Math.round(level))) as 0 | 1 | 2 | 3 | 4}`;
}

/** A ladder level's owner in words: a body the console knows, else the partner it names. */
export function ownerText(
  owner: string,
  t: Translate,
  partnerName: (id: string) => string,
): string {
  const key = `owner.${owner}`;
  return key in nl ? t(key as MessageKey) : partnerName(owner);
}

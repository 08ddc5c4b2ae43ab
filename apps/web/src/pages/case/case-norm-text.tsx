import type { CaseNorm } from '../../api/types';
import { formatDateTime } from '../../components/format';
import type { MessageKey } from '../../i18n/nl';
import type { Params } from '../../i18n/translate';

type Translate = (key: MessageKey, params?: Params) => string;

/** The case norm in words: its state, and its due date once there is one. */
export function caseNormText(norm: CaseNorm | null, t: Translate, locale: string): string {
  if (!norm) return t('case.norm.none');
  const state = t(`case.norm.state.${norm.state}`);
  return norm.dueAt
    ? `${state} · ${t('case.norm.dueAt', { dueAt: formatDateTime(norm.dueAt, locale) })}`
    : state;
}

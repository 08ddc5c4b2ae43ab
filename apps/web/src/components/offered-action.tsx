import type { ActionName, ActionVerdict } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { refusalMessage } from './error-text';

/** The server's verdict on one action (on one task, when it names one); undefined: not offered. */
export function offered(
  actions: ActionVerdict[],
  action: ActionName,
  taskKey?: string,
): ActionVerdict | undefined {
  return actions.find(
    (verdict) =>
      verdict.action === action && (taskKey === undefined || verdict.taskKey === taskKey),
  );
}

/** Why an offered action cannot be taken now, under the control it disables. */
export function RefusalNote({ id, verdict }: { id: string; verdict: ActionVerdict | undefined }) {
  const { t } = useI18n();
  if (!verdict || verdict.allowed || !verdict.reason) return null;
  return (
    <p id={id} className="hint refusal">
      {t(refusalMessage(verdict.reason))}
    </p>
  );
}

/** The engine did not answer in time: the page is current, but what may be done now is unknown. */
export function ActionsUnavailableNote({ unavailable }: { unavailable?: boolean }) {
  const { t } = useI18n();
  if (!unavailable) return null;
  return (
    <p role="status" className="hint refusal">
      {t('actions.unavailable')}
    </p>
  );
}

import { useState, type FormEvent } from 'react';
import type { EscalationAction, EscalationActionRequest } from '../../api/escalations-api';
import { ErrorMessage } from '../../components/error-message';
import { useI18n } from '../../i18n/i18n-context';

const MIN_REASON = 3;

interface Props {
  actions: EscalationAction[];
  partners: { id: string; name: string }[];
  onSubmit: (request: EscalationActionRequest) => Promise<void>;
}

type Problem = 'reason' | 'partner' | 'dueAt';

/** Reassign, extend, remind, skip, climb or resolve — always with a recorded reason. */
export function EscalationActionForm({ actions, partners, onSubmit }: Props) {
  const { t } = useI18n();
  const [action, setAction] = useState<EscalationAction>(actions[0]);
  const [reason, setReason] = useState('');
  const [partnerId, setPartnerId] = useState('');
  const [dueAt, setDueAt] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problem[] = [];
    if (reason.trim().length < MIN_REASON) found.push('reason');
    if (action === 'reassign' && !partnerId) found.push('partner');
    if (action === 'extend' && !dueAt) found.push('dueAt');
    setProblems(found);
    if (found.length) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        action,
        reason: reason.trim(),
        partnerId: action === 'reassign' ? partnerId : undefined,
        dueAt: action === 'extend' ? new Date(`${dueAt}T17:00:00`).toISOString() : undefined,
      });
      setReason('');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const invalid = (problem: Problem) => problems.includes(problem);
  return (
    <form
      className="form panel"
      onSubmit={submit}
      noValidate
      aria-labelledby="escalation-action-title"
    >
      <h2 id="escalation-action-title">{t('escalation.action')}</h2>
      <fieldset className="field">
        <legend>{t('escalation.action')}</legend>
        {actions.map((candidate) => (
          <label key={candidate} className="choice">
            <input
              type="radio"
              name="action"
              value={candidate}
              checked={action === candidate}
              onChange={() => setAction(candidate)}
            />
            {t(`escalation.action.${candidate}`)}
          </label>
        ))}
      </fieldset>
      {action === 'reassign' && (
        <div className={`field ${invalid('partner') ? 'field--invalid' : ''}`}>
          <label htmlFor="escalation-partner">{t('escalation.partner')}</label>
          <select
            id="escalation-partner"
            value={partnerId}
            aria-invalid={invalid('partner') || undefined}
            aria-describedby={invalid('partner') ? 'escalation-partner-error' : undefined}
            onChange={(event) => setPartnerId(event.target.value)}
          >
            <option value="">{t('form.choose')}</option>
            {partners.map((partner) => (
              <option key={partner.id} value={partner.id}>
                {partner.name}
              </option>
            ))}
          </select>
          {invalid('partner') && (
            <p id="escalation-partner-error" className="field__error">
              {t('form.error.required')}
            </p>
          )}
        </div>
      )}
      {action === 'extend' && (
        <div className={`field ${invalid('dueAt') ? 'field--invalid' : ''}`}>
          <label htmlFor="escalation-due">{t('escalation.until')}</label>
          <input
            id="escalation-due"
            type="date"
            value={dueAt}
            aria-invalid={invalid('dueAt') || undefined}
            aria-describedby={invalid('dueAt') ? 'escalation-due-error' : undefined}
            onChange={(event) => setDueAt(event.target.value)}
          />
          {invalid('dueAt') && (
            <p id="escalation-due-error" className="field__error">
              {t('form.error.date')}
            </p>
          )}
        </div>
      )}
      <div className={`field ${invalid('reason') ? 'field--invalid' : ''}`}>
        <label htmlFor="escalation-reason">{t('escalation.reason')}</label>
        <textarea
          id="escalation-reason"
          rows={3}
          value={reason}
          aria-invalid={invalid('reason') || undefined}
          aria-describedby={invalid('reason') ? 'escalation-reason-error' : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
        {invalid('reason') && (
          <p id="escalation-reason-error" className="field__error">
            {t('return.reasonTooShort')}
          </p>
        )}
      </div>
      {error !== null && <ErrorMessage error={error} />}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('escalation.submit')}
      </button>
    </form>
  );
}

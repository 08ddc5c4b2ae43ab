import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { ErrorMessage } from '../../components/error-message';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/nl';

export const MIN_REASON = 3;
export const REASON_FIELD = 'reason';

/** One extra input an action needs (a partner, a date, an end state…), named as the API names it. */
export interface ActionField {
  name: string;
  label: MessageKey;
  kind: 'select' | 'date' | 'checkbox';
  /** A disabled option is offered but not allowed now (its label says why). */
  options?: { value: string; label: string; disabled?: boolean }[];
  /** Optional fields may stay empty; a checkbox is always optional. */
  optional?: boolean;
  /** What the regisseur reads when it is missing or the API refuses it. */
  problem: MessageKey;
  /** Pre-filled value ('true' checks a checkbox). */
  initial?: string;
}

export interface ActionSpec {
  id: string;
  label: MessageKey;
  fields?: ActionField[];
  /** Offered but not allowed now: why (the server's reason, in words); the choice is disabled. */
  refusal?: string;
}

export type ActionValues = Record<string, string>;

interface Props {
  /** Prefix of the element ids (escalation → #escalation-reason). */
  id: string;
  title: MessageKey;
  actions: ActionSpec[];
  onSubmit: (action: string, reason: string, values: ActionValues) => Promise<void>;
}

function initialValues(spec: ActionSpec | undefined): ActionValues {
  return Object.fromEntries((spec?.fields ?? []).map((field) => [field.name, field.initial ?? '']));
}

/** The regisseur's action form: choose an action, fill what it needs, and always give the reason. */
export function ActionForm({ id, title, actions, onSubmit }: Props) {
  const { t } = useI18n();
  const possible = actions.filter((candidate) => !candidate.refusal);
  const [actionId, setActionId] = useState(possible[0]?.id ?? '');
  const spec = possible.find((candidate) => candidate.id === actionId) ?? possible[0];
  const [values, setValues] = useState<ActionValues>(() => initialValues(spec));
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Record<string, MessageKey>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = spec?.fields ?? [];

  function choose(next: string) {
    setActionId(next);
    setValues(initialValues(actions.find((candidate) => candidate.id === next)));
    setProblems({});
    setError(null);
  }

  /** The API's objections, in the words of the field they concern. */
  function serverProblems(caught: unknown): Record<string, MessageKey> {
    if (!(caught instanceof ApiError)) return {};
    const found: Record<string, MessageKey> = {};
    for (const problem of caught.fieldProblems) {
      if (problem.field === REASON_FIELD) found[REASON_FIELD] = 'action.error.reason';
      const field = fields.find((candidate) => candidate.name === problem.field);
      if (field) found[field.name] = field.problem;
    }
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!spec) return;
    const found: Record<string, MessageKey> = {};
    for (const field of fields) {
      if (!field.optional && field.kind !== 'checkbox' && !values[field.name])
        found[field.name] = field.problem;
    }
    if (reason.trim().length < MIN_REASON) found[REASON_FIELD] = 'return.reasonTooShort';
    setProblems(found);
    setError(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await onSubmit(spec.id, reason.trim(), values);
      setReason('');
    } catch (caught) {
      setProblems(serverProblems(caught));
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const fieldId = (name: string) => `${id}-${name}`;
  const described = (name: string) =>
    problems[name]
      ? { 'aria-invalid': true as const, 'aria-describedby': `${fieldId(name)}-error` }
      : {};
  const message = (name: string) =>
    problems[name] && (
      <p id={`${fieldId(name)}-error`} className="field__error">
        {t(problems[name])}
      </p>
    );

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(title)}</h2>
      <fieldset className="field">
        <legend>{t('escalation.action')}</legend>
        {actions.map((candidate) => (
          <div key={candidate.id} className="choice-with-note">
            <label className="choice">
              <input
                type="radio"
                name={`${id}-action`}
                value={candidate.id}
                checked={spec?.id === candidate.id}
                disabled={candidate.refusal !== undefined}
                aria-describedby={candidate.refusal ? `${id}-${candidate.id}-refusal` : undefined}
                onChange={() => choose(candidate.id)}
              />
              {t(candidate.label)}
            </label>
            {candidate.refusal && (
              <p id={`${id}-${candidate.id}-refusal`} className="hint refusal">
                {candidate.refusal}
              </p>
            )}
          </div>
        ))}
      </fieldset>
      {fields.map((field) =>
        field.kind === 'checkbox' ? (
          <div key={field.name} className="field">
            <label className="choice">
              <input
                id={fieldId(field.name)}
                type="checkbox"
                checked={values[field.name] === 'true'}
                onChange={(event) =>
                  setValues((current) => ({
                    ...current,
                    [field.name]: event.target.checked ? 'true' : '',
                  }))
                }
              />
              {t(field.label)}
            </label>
          </div>
        ) : (
          <div key={field.name} className={`field ${problems[field.name] ? 'field--invalid' : ''}`}>
            <label htmlFor={fieldId(field.name)}>{t(field.label)}</label>
            {field.kind === 'select' ? (
              <select
                id={fieldId(field.name)}
                value={values[field.name] ?? ''}
                {...described(field.name)}
                onChange={(event) =>
                  setValues((current) => ({ ...current, [field.name]: event.target.value }))
                }
              >
                <option value="">{t('form.choose')}</option>
                {(field.options ?? []).map((option) => (
                  <option key={option.value} value={option.value} disabled={option.disabled}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={fieldId(field.name)}
                type="date"
                value={values[field.name] ?? ''}
                {...described(field.name)}
                onChange={(event) =>
                  setValues((current) => ({ ...current, [field.name]: event.target.value }))
                }
              />
            )}
            {message(field.name)}
          </div>
        ),
      )}
      <div className={`field ${problems[REASON_FIELD] ? 'field--invalid' : ''}`}>
        <label htmlFor={fieldId(REASON_FIELD)}>{t('escalation.reason')}</label>
        <textarea
          id={fieldId(REASON_FIELD)}
          rows={3}
          value={reason}
          {...described(REASON_FIELD)}
          onChange={(event) => setReason(event.target.value)}
        />
        {message(REASON_FIELD)}
      </div>
      {error !== null && <ErrorMessage error={error} />}
      <button type="submit" className="button button--primary" disabled={busy || !spec}>
        {t('escalation.submit')}
      </button>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import type { TaskDetail } from '../../api/types';
import { ErrorMessage } from '../../components/error-message';
import { useI18n } from '../../i18n/i18n-context';
import { FormFieldInput } from './form-field-input';
import {
  initialValues,
  OUTCOME_FIELD,
  toCaseData,
  validateForm,
  type FormValues,
} from './form-model';
import { OutcomeChoice } from './outcome-choice';

interface Props {
  detail: TaskDetail;
  disabled: boolean;
  onComplete: (outcome: string, data: ReturnType<typeof toCaseData>) => Promise<void>;
}

/** The step's completion form: outcome and fields, checked here first, the server's word next to each field. */
export function TaskForm({ detail, disabled, onComplete }: Props) {
  const { t } = useI18n();
  const { step } = detail;
  const [outcome, setOutcome] = useState('');
  const [values, setValues] = useState<FormValues>(() =>
    initialValues(step.form, detail.case.data),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const found = validateForm(step.form, step.outcomes, outcome, values);
    const messages = Object.fromEntries(
      Object.entries(found).map(([field, key]) => [field, t(key)]),
    );
    setErrors(messages);
    if (Object.keys(messages).length) {
      const first = Object.keys(messages)[0];
      document
        .querySelector<HTMLElement>(
          first === OUTCOME_FIELD ? 'input[name="outcome"]' : `[name="${first}"]`,
        )
        ?.focus();
      return;
    }
    setBusy(true);
    try {
      await onComplete(outcome, toCaseData(step.form, values));
    } catch (error) {
      const fieldMessages = error instanceof ApiError ? error.fieldProblems : [];
      setErrors(
        Object.fromEntries(fieldMessages.map((problem) => [problem.field, problem.message])),
      );
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const errorCount = Object.keys(errors).length;
  return (
    <form className="form task-form" onSubmit={submit} noValidate aria-labelledby="task-form-title">
      <h2 id="task-form-title">{t('form.title')}</h2>
      {errorCount > 0 && (
        <p className="notice notice--error" role="alert">
          {t('form.errorSummary', { count: errorCount })}
        </p>
      )}
      {failure !== null && errorCount === 0 && <ErrorMessage error={failure} />}
      <OutcomeChoice
        outcomes={step.outcomes}
        value={outcome}
        error={errors[OUTCOME_FIELD]}
        disabled={disabled || busy}
        onChange={setOutcome}
      />
      {step.form.map((field) => (
        <FormFieldInput
          key={field.field}
          field={field}
          value={values[field.field] ?? ''}
          error={errors[field.field]}
          disabled={disabled || busy}
          onChange={(value) => setValues((current) => ({ ...current, [field.field]: value }))}
        />
      ))}
      <button type="submit" className="button button--primary" disabled={disabled || busy}>
        {busy ? t('form.submitting') : t('form.submit')}
      </button>
    </form>
  );
}

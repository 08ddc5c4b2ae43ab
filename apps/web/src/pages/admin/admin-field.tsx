import { useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { formProblems } from './form-problems';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The API's (or the form's) objection, shown under the field. */
  problem?: string;
}

function errorProps(id: string, problem: string | undefined) {
  return problem ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

function FieldShell({
  id,
  label,
  problem,
  children,
}: Pick<FieldProps, 'id' | 'label' | 'problem'> & { children: ReactNode }) {
  return (
    <div className={`field ${problem ? 'field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {problem && (
        <p id={`${id}-error`} className="field__error">
          {problem}
        </p>
      )}
    </div>
  );
}

export function TextField(
  props: FieldProps & { type?: 'text' | 'password'; autoComplete?: string },
) {
  const { id, value, onChange, problem, type = 'text', autoComplete = 'off' } = props;
  return (
    <FieldShell {...props}>
      <input
        id={id}
        type={type}
        value={value}
        autoComplete={autoComplete}
        {...errorProps(id, problem)}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldShell>
  );
}

export function SelectField(
  props: FieldProps & { options: { value: string; label: string }[]; placeholder?: string },
) {
  const { t } = useI18n();
  const { id, value, onChange, problem, options, placeholder = t('form.choose') } = props;
  return (
    <FieldShell {...props}>
      <select
        id={id}
        value={value}
        {...errorProps(id, problem)}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/**
 * One admin action at a time: busy while it runs; a refusal is kept, with the API's objections per
 * form field. run() answers whether the action succeeded.
 */
export function useFormAction(fields: string[], conflictField?: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, problems: formProblems(error, fields, conflictField), run };
}

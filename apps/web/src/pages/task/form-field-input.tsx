import type { StepFormField } from '../../api/types';
import { useI18n } from '../../i18n/i18n-context';
import { inputKind } from './form-model';

interface Props {
  field: StepFormField;
  value: string;
  error?: string;
  disabled: boolean;
  onChange: (value: string) => void;
}

/** One generated form field: its label, whether it is required, the input, and its error. */
export function FormFieldInput({ field, value, error, disabled, onChange }: Props) {
  const { t } = useI18n();
  const id = `field-${field.field}`;
  const errorId = `${id}-error`;
  const kind = inputKind(field);
  const common = {
    id,
    name: field.field,
    disabled,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    'aria-required': field.required || undefined,
  };
  const label = (
    <>
      {field.label}
      {field.required && <span className="field__required"> ({t('form.required')})</span>}
    </>
  );
  const message = error && (
    <p id={errorId} className="field__error">
      {error}
    </p>
  );

  if (kind === 'yesNo') {
    return (
      <fieldset
        className={`field ${error ? 'field--invalid' : ''}`}
        aria-describedby={common['aria-describedby']}
      >
        <legend>{label}</legend>
        <div className="choice-row">
          {(['true', 'false'] as const).map((choice) => (
            <label key={choice} className="choice">
              <input
                type="radio"
                name={field.field}
                value={choice}
                disabled={disabled}
                checked={value === choice}
                onChange={() => onChange(choice)}
              />
              {t(choice === 'true' ? 'form.yes' : 'form.no')}
            </label>
          ))}
        </div>
        {message}
      </fieldset>
    );
  }

  return (
    <div className={`field ${error ? 'field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {field.description && <p className="hint">{field.description}</p>}
      {kind === 'select' ? (
        <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('form.choose')}</option>
          {(field.values ?? []).map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      ) : kind === 'text' ? (
        <textarea
          {...common}
          rows={2}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          {...common}
          type={kind}
          inputMode={kind === 'number' ? 'decimal' : undefined}
          step={kind === 'number' ? 'any' : undefined}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {message}
    </div>
  );
}

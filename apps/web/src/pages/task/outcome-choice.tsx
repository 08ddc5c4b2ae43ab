import { useI18n } from '../../i18n/i18n-context';

interface Props {
  outcomes: { id: string; label: string }[];
  value: string;
  error?: string;
  disabled: boolean;
  onChange: (outcome: string) => void;
}

/** The outcomes that complete the step, as a radio group. */
export function OutcomeChoice({ outcomes, value, error, disabled, onChange }: Props) {
  const { t } = useI18n();
  return (
    <fieldset
      className={`field outcome-choice ${error ? 'field--invalid' : ''}`}
      aria-describedby={error ? 'outcome-error' : undefined}
    >
      <legend>
        {t('form.outcome')} <span className="field__required">({t('form.required')})</span>
      </legend>
      {outcomes.map((outcome) => (
        <label key={outcome.id} className="choice">
          <input
            type="radio"
            name="outcome"
            value={outcome.id}
            disabled={disabled}
            checked={value === outcome.id}
            onChange={() => onChange(outcome.id)}
          />
          {outcome.label}
        </label>
      ))}
      {error && (
        <p id="outcome-error" className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

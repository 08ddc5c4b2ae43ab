import { useState, type FormEvent, type ReactNode } from 'react';
import type { ActionVerdict } from '../../api/types';
import { ErrorMessage } from '../../components/error-message';
import { RefusalNote } from '../../components/offered-action';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/nl';

interface Props {
  id: string;
  title: MessageKey;
  intro?: MessageKey;
  label: MessageKey;
  submit: MessageKey;
  tooShort: MessageKey;
  minLength: number;
  disabled?: boolean;
  /** The server's verdict on the action the form takes: its reason shows when it is refused. */
  refusal?: ActionVerdict;
  onSubmit: (text: string) => Promise<void>;
  /** Further inputs of the form (a return's category, a note's readers), kept by the caller. */
  children?: ReactNode;
}

/** A titled form with one required text (return reason, note), its check and the server's answer. */
export function ReasonForm({
  id,
  title,
  intro,
  label,
  submit,
  tooShort,
  minLength,
  disabled,
  refusal,
  onSubmit,
  children,
}: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function send(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const tooShortNow = text.trim().length < minLength;
    setInvalid(tooShortNow);
    if (tooShortNow) return;
    setBusy(true);
    try {
      await onSubmit(text.trim());
      setText('');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form panel" onSubmit={send} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(title)}</h2>
      {intro && <p className="muted">{t(intro)}</p>}
      <RefusalNote id={`${id}-refusal`} verdict={refusal} />
      <div className={`field ${invalid ? 'field--invalid' : ''}`}>
        <label htmlFor={id}>{t(label)}</label>
        <textarea
          id={id}
          rows={3}
          value={text}
          disabled={disabled || busy}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onChange={(event) => setText(event.target.value)}
        />
        {invalid && (
          <p id={`${id}-error`} className="field__error">
            {t(tooShort)}
          </p>
        )}
      </div>
      {children}
      {error !== null && <ErrorMessage error={error} />}
      <button type="submit" className="button button--secondary" disabled={disabled || busy}>
        {t(submit)}
      </button>
    </form>
  );
}

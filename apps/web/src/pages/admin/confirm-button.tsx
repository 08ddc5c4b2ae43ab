import { useState } from 'react';
import { useI18n } from '../../i18n/i18n-context';

interface Props {
  label: string;
  /** The question asked before anything happens. */
  question: string;
  busy?: boolean;
  onConfirm: () => void;
}

/** A button for what cannot be undone from here: it asks first, in the page, not in a browser dialog. */
export function ConfirmButton({ label, question, busy, onConfirm }: Props) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={question}>
      <p>{question}</p>
      <button
        type="button"
        className="button button--primary"
        disabled={busy}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {t('admin.confirm')}
      </button>
      <button type="button" className="button button--ghost" onClick={() => setAsking(false)}>
        {t('admin.cancel')}
      </button>
    </div>
  );
}

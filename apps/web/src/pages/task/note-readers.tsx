import { useI18n } from '../../i18n/i18n-context';

interface Props {
  /** Partners of the case the note may be shared with (the author's own organisation reads it anyway). */
  partners: { id: string; name: string }[];
  selected: string[];
  disabled?: boolean;
  onChange: (selected: string[]) => void;
}

/** Who reads a note besides the author's organisation: none by default, or named partners of the case. */
export function NoteReaders({ partners, selected, disabled, onChange }: Props) {
  const { t } = useI18n();
  const toggle = (id: string, checked: boolean) =>
    onChange(checked ? [...selected, id] : selected.filter((partner) => partner !== id));
  return (
    <fieldset className="field" data-testid="note-readers">
      <legend>{t('notes.readers')}</legend>
      <p className="muted">{t('notes.readersHint')}</p>
      {partners.map((partner) => (
        <label key={partner.id} className="choice">
          <input
            type="checkbox"
            name="sharedWith"
            value={partner.id}
            checked={selected.includes(partner.id)}
            disabled={disabled}
            onChange={(event) => toggle(partner.id, event.target.checked)}
          />{' '}
          {partner.name}
        </label>
      ))}
    </fieldset>
  );
}

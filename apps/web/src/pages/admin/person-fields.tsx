import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/nl';
import { TextField } from './admin-field';

interface Props {
  /** Prefix of the element ids (person → #person-display-name). */
  id: string;
  displayName: string;
  password: string;
  onDisplayName: (value: string) => void;
  onPassword: (value: string) => void;
  problems: Record<string, string>;
  passwordLabel: MessageKey;
}

/** A person's name and local password, as both the new-person and the edit form ask them. */
export function PersonFields(props: Props) {
  const { t } = useI18n();
  const { id, problems } = props;
  return (
    <>
      <TextField
        id={`${id}-display-name`}
        label={t('admin.people.displayName')}
        value={props.displayName}
        onChange={props.onDisplayName}
        problem={problems.displayName}
      />
      <TextField
        id={`${id}-password`}
        type="password"
        autoComplete="new-password"
        label={t(props.passwordLabel)}
        value={props.password}
        onChange={props.onPassword}
        problem={problems.password}
      />
    </>
  );
}

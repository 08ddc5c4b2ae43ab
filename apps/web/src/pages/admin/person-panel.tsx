import { useState, type FormEvent } from 'react';
import { adminApi, type Person, type PersonGrant } from '../../api/admin-api';
import { useHttp } from '../../auth/auth-context';
import { ErrorMessage } from '../../components/error-message';
import { Notice } from '../../components/states';
import { useI18n } from '../../i18n/i18n-context';
import { useFormAction } from './admin-field';
import { ConfirmButton } from './confirm-button';
import { PersonFields } from './person-fields';
import { GrantFields, type GrantOptions } from './grant-fields';
import { grantInput, type GrantChoice } from './grant-scope';

interface Props extends GrantOptions {
  person: Person;
  onChanged: () => void;
}

/** One grant in words: the role and where it holds. */
export function useGrantLabel({ organisations, chains }: GrantOptions) {
  const { t } = useI18n();
  return (grant: Omit<PersonGrant, 'id'>) => {
    const where = grant.organisationId
      ? (organisations.find((item) => item.id === grant.organisationId)?.name ??
        grant.organisationId)
      : grant.chainId
        ? (chains.find((chain) => chain.id === grant.chainId)?.name ?? grant.chainId)
        : t('admin.everyChain');
    return `${t(`admin.role.${grant.role}`)} · ${where}`;
  };
}

function EditPerson({ person, onChanged }: Pick<Props, 'person' | 'onChanged'>) {
  const { t } = useI18n();
  const http = useHttp();
  const [displayName, setDisplayName] = useState(person.displayName);
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState(false);
  const action = useFormAction(['displayName', 'password']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const change = { displayName, ...(password ? { password } : {}) };
    if (await action.run(() => adminApi.updatePerson(http, person.id, change))) {
      setPassword('');
      setSaved(true);
      onChanged();
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('admin.people.edit')}>
      <PersonFields
        id="edit"
        displayName={displayName}
        password={password}
        onDisplayName={setDisplayName}
        onPassword={setPassword}
        problems={action.problems}
        passwordLabel="admin.people.newPassword"
      />
      {action.error !== null && <ErrorMessage error={action.error} />}
      {saved && <Notice>{t('admin.saved')}</Notice>}
      <button type="submit" className="button button--primary" disabled={action.busy}>
        {t('admin.save')}
      </button>
    </form>
  );
}

function Grants({ person, onChanged, ...options }: Props) {
  const { t } = useI18n();
  const http = useHttp();
  const label = useGrantLabel(options);
  const [choice, setChoice] = useState<GrantChoice>({ role: 'caseworker', scope: '' });
  const action = useFormAction(['role', 'organisationId', 'chainId']);

  async function grant(event: FormEvent) {
    event.preventDefault();
    if (await action.run(() => adminApi.grant(http, person.id, grantInput(choice)))) onChanged();
  }
  const revoke = (grantId: string) =>
    void action
      .run(() => adminApi.revoke(http, person.id, grantId))
      .then((done) => {
        if (done) onChanged();
      });

  return (
    <section aria-labelledby="grants-title">
      <h3 id="grants-title">{t('admin.people.grants')}</h3>
      <ul className="grant-list" data-testid="person-grants">
        {person.grants.map((item) => (
          <li key={item.id}>
            <span>{label(item)}</span>
            {person.active && (
              <button
                type="button"
                className="button button--ghost"
                disabled={action.busy}
                onClick={() => revoke(item.id)}
              >
                {t('admin.grant.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {person.active && (
        <form className="form" onSubmit={grant} noValidate aria-label={t('admin.grant.add')}>
          <GrantFields
            id="add-grant"
            value={choice}
            onChange={setChoice}
            problem={action.problems.organisationId ?? action.problems.chainId}
            {...options}
          />
          <button type="submit" className="button button--secondary" disabled={action.busy}>
            {t('admin.grant.add')}
          </button>
        </form>
      )}
      {action.error !== null && <ErrorMessage error={action.error} />}
    </section>
  );
}

/** One person: their name and password, their roles, and deactivation (asked first). */
export function PersonPanel(props: Props) {
  const { t } = useI18n();
  const http = useHttp();
  const { person, onChanged } = props;
  const [released, setReleased] = useState<number | null>(null);
  const action = useFormAction([]);

  const deactivate = () =>
    void action
      .run(async () =>
        setReleased((await adminApi.deactivatePerson(http, person.id)).releasedTasks),
      )
      .then((done) => done && onChanged());

  return (
    <section className="panel" aria-labelledby="person-title" data-testid="person-panel">
      <h2 id="person-title">
        {person.displayName} <span className="muted">({person.username})</span>
      </h2>
      {!person.active && <p>{t('admin.people.deactivated')}</p>}
      {person.active && <EditPerson key={person.id} person={person} onChanged={onChanged} />}
      <Grants {...props} />
      {released !== null && (
        <Notice>{t('admin.people.deactivatedReleased', { count: released })}</Notice>
      )}
      {action.error !== null && <ErrorMessage error={action.error} />}
      {person.active && (
        <ConfirmButton
          label={t('admin.deactivate')}
          question={t('admin.people.confirmDeactivate', { name: person.displayName })}
          busy={action.busy}
          onConfirm={deactivate}
        />
      )}
    </section>
  );
}

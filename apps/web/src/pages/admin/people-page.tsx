import { useMemo, useState, type FormEvent } from 'react';
import { adminApi, type Person } from '../../api/admin-api';
import { modelsApi } from '../../api/models-api';
import { useCurrentUser, useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { ErrorMessage } from '../../components/error-message';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import { SelectField, TextField, useFormAction } from './admin-field';
import { PersonFields } from './person-fields';
import { GrantFields, type GrantOptions } from './grant-fields';
import { grantableChains, grantInput, type GrantChoice } from './grant-scope';
import { filterPeople } from './people-filter';
import { PersonPanel, useGrantLabel } from './person-panel';

const NEW_PERSON_FIELDS = ['username', 'displayName', 'password', 'grants'];

function CreatePersonForm({ onCreated, ...options }: GrantOptions & { onCreated: () => void }) {
  const { t } = useI18n();
  const http = useHttp();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [choice, setChoice] = useState<GrantChoice>({ role: 'caseworker', scope: '' });
  const action = useFormAction(NEW_PERSON_FIELDS, 'username');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const person = {
      username: username.trim(),
      displayName,
      ...(password ? { password } : {}),
      grants: [grantInput(choice)],
    };
    if (await action.run(() => adminApi.createPerson(http, person))) {
      setUsername('');
      setDisplayName('');
      setPassword('');
      onCreated();
    }
  }

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="new-person-title">
      <h2 id="new-person-title">{t('admin.people.new')}</h2>
      <TextField
        id="person-username"
        label={t('admin.people.username')}
        value={username}
        onChange={setUsername}
        problem={action.problems.username}
      />
      <PersonFields
        id="person"
        displayName={displayName}
        password={password}
        onDisplayName={setDisplayName}
        onPassword={setPassword}
        problems={action.problems}
        passwordLabel="admin.people.password"
      />
      <p className="hint">{t('admin.people.passwordHint')}</p>
      <GrantFields
        id="person-grant"
        value={choice}
        onChange={setChoice}
        problem={action.problems.grants}
        {...options}
      />
      {action.error !== null && <ErrorMessage error={action.error} />}
      <button type="submit" className="button button--primary" disabled={action.busy}>
        {t('admin.people.create')}
      </button>
    </form>
  );
}

function PeopleTable({
  people,
  selected,
  onSelect,
  options,
}: {
  people: Person[];
  selected: string | null;
  onSelect: (id: string) => void;
  options: GrantOptions;
}) {
  const { t } = useI18n();
  const label = useGrantLabel(options);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="people-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.people.displayName')}</th>
            <th scope="col">{t('admin.people.username')}</th>
            <th scope="col">{t('admin.people.grants')}</th>
            <th scope="col">{t('admin.status')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.id} aria-selected={person.id === selected}>
              <td>{person.displayName}</td>
              <td>{person.username}</td>
              <td>{person.grants.map(label).join(', ')}</td>
              <td>{person.active ? t('admin.active') : t('admin.inactive')}</td>
              <td>
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t('admin.people.open', { name: person.displayName })}
                  onClick={() => onSelect(person.id)}
                >
                  {t('admin.people.manage')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** People and their roles: a chain's admin sees and grants only their chains' (docs/identity.md). */
export function PeoplePage() {
  const { t } = useI18n();
  const http = useHttp();
  const user = useCurrentUser();
  const [organisationId, setOrganisationId] = useState('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const people = useAsync(
    () => adminApi.people(http, organisationId || undefined),
    [http, organisationId],
  );
  const organisations = useAsync(() => adminApi.organisations(http), [http]);
  const models = useAsync(() => modelsApi.chains(http), [http]);

  const options = useMemo<GrantOptions>(() => {
    const known = models.status === 'ready' ? models.data : [];
    const allowed = new Set(
      grantableChains(
        user.grants,
        known.map((chain) => chain.chainId),
      ),
    );
    return {
      organisations: organisations.status === 'ready' ? organisations.data.items : [],
      chains: known
        .filter((chain) => allowed.has(chain.chainId))
        .map((chain) => ({ id: chain.chainId, name: chain.chainName })),
    };
  }, [models, organisations, user.grants]);

  return (
    <>
      <PageTitle title={t('admin.people.title')} />
      <div className="filters" role="search">
        <SelectField
          id="people-organisation"
          label={t('admin.people.organisationFilter')}
          value={organisationId}
          onChange={setOrganisationId}
          placeholder={t('admin.people.allOrganisations')}
          options={options.organisations.map((item) => ({ value: item.id, label: item.name }))}
        />
        <TextField
          id="people-search"
          label={t('admin.people.search')}
          value={search}
          onChange={setSearch}
        />
      </div>
      <AsyncView result={people}>
        {(page) => {
          const person = page.items.find((item) => item.id === selected);
          return (
            <>
              <PeopleTable
                people={filterPeople(page.items, search)}
                selected={selected}
                onSelect={setSelected}
                options={options}
              />
              {person && (
                <PersonPanel
                  key={person.id}
                  person={person}
                  onChanged={people.reload}
                  {...options}
                />
              )}
            </>
          );
        }}
      </AsyncView>
      <CreatePersonForm onCreated={people.reload} {...options} />
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { adminApi, type Organisation } from '../../api/admin-api';
import { useCurrentUser, useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { ErrorMessage } from '../../components/error-message';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import { TextField, useFormAction } from './admin-field';
import { ConfirmButton } from './confirm-button';
import { isPlatformAdmin } from './grant-scope';

function CreateOrganisationForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const http = useHttp();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const action = useFormAction(['id', 'name'], 'id');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await action.run(() => adminApi.createOrganisation(http, { id: id.trim(), name }))) {
      setId('');
      setName('');
      onCreated();
    }
  }

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="new-org-title">
      <h2 id="new-org-title">{t('admin.organisations.new')}</h2>
      <TextField
        id="organisation-id"
        label={t('admin.organisations.id')}
        value={id}
        onChange={setId}
        problem={action.problems.id}
      />
      <TextField
        id="organisation-name"
        label={t('admin.organisations.name')}
        value={name}
        onChange={setName}
        problem={action.problems.name}
      />
      {action.error !== null && <ErrorMessage error={action.error} />}
      <button type="submit" className="button button--primary" disabled={action.busy}>
        {t('admin.organisations.create')}
      </button>
    </form>
  );
}

function OrganisationRow({
  organisation,
  manage,
  onChanged,
}: {
  organisation: Organisation;
  manage: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const http = useHttp();
  const [name, setName] = useState<string | null>(null);
  const action = useFormAction(['name']);
  const fieldId = `rename-${organisation.id}`;

  async function rename(event: FormEvent) {
    event.preventDefault();
    if (name === null) return;
    if (await action.run(() => adminApi.renameOrganisation(http, organisation.id, name))) {
      setName(null);
      onChanged();
    }
  }

  const deactivate = () =>
    void action
      .run(() => adminApi.deactivateOrganisation(http, organisation.id))
      .then((done) => done && onChanged());

  return (
    <tr data-testid={`organisation-${organisation.id}`}>
      <td>
        <code>{organisation.id}</code>
      </td>
      <td>
        {name === null ? (
          organisation.name
        ) : (
          <form onSubmit={rename} noValidate className="inline-form">
            <TextField
              id={fieldId}
              label={t('admin.organisations.newName')}
              value={name}
              onChange={setName}
              problem={action.problems.name}
            />
            <button type="submit" className="button button--primary" disabled={action.busy}>
              {t('admin.save')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setName(null)}>
              {t('admin.cancel')}
            </button>
          </form>
        )}
        {action.error !== null && <ErrorMessage error={action.error} />}
      </td>
      <td>{organisation.active ? t('admin.active') : t('admin.inactive')}</td>
      <td>
        {manage && organisation.active && name === null && (
          <div className="actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setName(organisation.name)}
            >
              {t('admin.organisations.rename')}
            </button>
            <ConfirmButton
              label={t('admin.deactivate')}
              question={t('admin.organisations.confirmDeactivate', { name: organisation.name })}
              busy={action.busy}
              onConfirm={deactivate}
            />
          </div>
        )}
      </td>
    </tr>
  );
}

/** The partner organisations; only the platform admin registers, renames and deactivates them. */
export function OrganisationsPage() {
  const { t } = useI18n();
  const http = useHttp();
  const user = useCurrentUser();
  const manage = isPlatformAdmin(user.grants);
  const organisations = useAsync(() => adminApi.organisations(http), [http]);
  return (
    <>
      <PageTitle title={t('admin.organisations.title')} />
      <AsyncView result={organisations}>
        {(page) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.organisations.id')}</th>
                  <th scope="col">{t('admin.organisations.name')}</th>
                  <th scope="col">{t('admin.status')}</th>
                  <th scope="col">{t('admin.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((organisation) => (
                  <OrganisationRow
                    key={organisation.id}
                    organisation={organisation}
                    manage={manage}
                    onChanged={organisations.reload}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AsyncView>
      {manage && <CreateOrganisationForm onCreated={organisations.reload} />}
    </>
  );
}

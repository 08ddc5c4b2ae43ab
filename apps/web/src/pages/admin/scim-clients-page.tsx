import { useState, type FormEvent } from 'react';
import { adminApi, type IssuedScimClient, type Organisation } from '../../api/admin-api';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { ErrorMessage } from '../../components/error-message';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { Notice } from '../../components/states';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import { TextField, useFormAction } from './admin-field';
import { ConfirmButton } from './confirm-button';

function IssueForm({
  organisations,
  onIssued,
}: {
  organisations: Organisation[];
  onIssued: (client: IssuedScimClient) => void;
}) {
  const { t } = useI18n();
  const http = useHttp();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const action = useFormAction(['name', 'organisationIds']);

  const toggle = (id: string, on: boolean) =>
    setChosen((current) => (on ? [...current, id] : current.filter((item) => item !== id)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const request = { name, organisationIds: chosen };
    let issued: IssuedScimClient | undefined;
    if (await action.run(async () => (issued = await adminApi.issueScimClient(http, request)))) {
      setName('');
      setChosen([]);
      if (issued) onIssued(issued);
    }
  }

  const problem = action.problems.organisationIds;
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="issue-title">
      <h2 id="issue-title">{t('admin.scim.issue')}</h2>
      <TextField
        id="scim-name"
        label={t('admin.scim.name')}
        value={name}
        onChange={setName}
        problem={action.problems.name}
      />
      <fieldset
        className={`field ${problem ? 'field--invalid' : ''}`}
        aria-describedby={problem ? 'scim-organisations-error' : undefined}
      >
        <legend>{t('admin.scim.organisations')}</legend>
        {organisations
          .filter((organisation) => organisation.active)
          .map((organisation) => (
            <label key={organisation.id} className="choice">
              <input
                type="checkbox"
                checked={chosen.includes(organisation.id)}
                onChange={(event) => toggle(organisation.id, event.target.checked)}
              />
              {organisation.name}
            </label>
          ))}
        {problem && (
          <p id="scim-organisations-error" className="field__error">
            {problem}
          </p>
        )}
      </fieldset>
      {action.error !== null && <ErrorMessage error={action.error} />}
      <button type="submit" className="button button--primary" disabled={action.busy}>
        {t('admin.scim.issueButton')}
      </button>
    </form>
  );
}

/** The identity providers' SCIM tokens: issued here (shown once), listed and revoked. */
export function ScimClientsPage() {
  const { t, locale } = useI18n();
  const http = useHttp();
  const clients = useAsync(() => adminApi.scimClients(http), [http]);
  const organisations = useAsync(() => adminApi.organisations(http), [http]);
  const [issued, setIssued] = useState<IssuedScimClient | null>(null);
  const revoking = useFormAction([]);

  const revoke = (id: string) =>
    void revoking.run(() => adminApi.revokeScimClient(http, id)).then(clients.reload);

  return (
    <>
      <PageTitle title={t('admin.scim.title')} />
      <p className="hint">{t('admin.scim.intro')}</p>
      {issued && (
        <Notice>
          <p>{t('admin.scim.issued', { name: issued.name })}</p>
          <p>
            <code className="token" data-testid="scim-token">
              {issued.token}
            </code>
          </p>
        </Notice>
      )}
      {revoking.error !== null && <ErrorMessage error={revoking.error} />}
      <AsyncView
        result={clients}
        isEmpty={(list) => list.length === 0}
        empty={t('admin.scim.empty')}
      >
        {(list) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.scim.name')}</th>
                  <th scope="col">{t('admin.scim.organisations')}</th>
                  <th scope="col">{t('admin.scim.created')}</th>
                  <th scope="col">{t('admin.status')}</th>
                  <th scope="col">{t('admin.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((client) => (
                  <tr key={client.id}>
                    <td>{client.name}</td>
                    <td>{client.organisationIds.join(', ')}</td>
                    <td>{formatDateTime(client.createdAt, locale)}</td>
                    <td>
                      {client.revokedAt
                        ? t('admin.scim.revokedAt', {
                            date: formatDateTime(client.revokedAt, locale),
                          })
                        : t('admin.active')}
                    </td>
                    <td>
                      {!client.revokedAt && (
                        <ConfirmButton
                          label={t('admin.scim.revoke')}
                          question={t('admin.scim.confirmRevoke', { name: client.name })}
                          busy={revoking.busy}
                          onConfirm={() => revoke(client.id)}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AsyncView>
      <IssueForm
        organisations={organisations.status === 'ready' ? organisations.data.items : []}
        onIssued={(client) => {
          setIssued(client);
          clients.reload();
        }}
      />
    </>
  );
}

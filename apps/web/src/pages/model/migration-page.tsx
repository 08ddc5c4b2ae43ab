import { useState } from 'react';
import { migrationsApi, type DryRun, type MigrationPlan } from '../../api/migrations-api';
import { modelsApi } from '../../api/models-api';
import type { ChainModels, ReferenceModel } from '../../api/types';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { ChainSelect } from '../../components/chain-select';
import { ErrorMessage } from '../../components/error-message';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import { MigrationDryRun } from './migration-dry-run';
import { MigrationPlanEditor } from './migration-plan-editor';
import { MigrationRunProgress } from './migration-run';
import type { mappingEdits } from './migration-view';

/** Chains with a later version to move running cases to. */
const migratable = (chains: ChainModels[]) => chains.filter((chain) => chain.versions.length > 1);

/**
 * The model owner moves a chain's running cases to a later version (issue 16): a plan generated
 * from the two versions and edited here, a dry run of every open case, then the run in batches
 * with a progress bar.
 */
export function MigrationPage() {
  const { t } = useI18n();
  const http = useHttp();
  const chains = useAsync(() => modelsApi.chains(http), [http]);
  return (
    <>
      <PageTitle title={t('migration.title')} />
      <p className="lead">{t('migration.intro')}</p>
      <AsyncView
        result={chains}
        isEmpty={(data) => migratable(data).length === 0}
        empty={t('migration.noChain')}
      >
        {(data) => <ChainMigration chains={migratable(data)} />}
      </AsyncView>
    </>
  );
}

function ChainMigration({ chains }: { chains: ChainModels[] }) {
  const [chainId, setChainId] = useState(chains[0].chainId);
  const chain = chains.find((candidate) => candidate.chainId === chainId) ?? chains[0];
  // Keyed by the chain: choosing another one starts again from its two latest versions.
  return <ChainVersions key={chainId} chain={chain} chains={chains} onChain={setChainId} />;
}

function ChainVersions({
  chain,
  chains,
  onChain,
}: {
  chain: ChainModels;
  chains: ChainModels[];
  onChain: (chainId: string) => void;
}) {
  const { t } = useI18n();
  const http = useHttp();
  const { chainId } = chain;
  const versions = chain.versions.map((version) => version.version).sort((a, b) => a - b);
  const [from, setFrom] = useState(versions[versions.length - 2]);
  const [to, setTo] = useState(versions[versions.length - 1]);
  const models = useAsync(
    () =>
      Promise.all([modelsApi.version(http, chainId, from), modelsApi.version(http, chainId, to)]),
    [http, chainId, from, to],
  );
  const version = (label: 'from' | 'to', value: number, onChange: (next: number) => void) => (
    <div className="field field--inline">
      <label htmlFor={`migration-${label}`}>{t(`migration.${label}`)}</label>
      <select
        id={`migration-${label}`}
        value={value}
        onChange={(event) => onChange(Number(event.target.value))}
      >
        {versions.map((candidate) => (
          <option key={candidate} value={candidate}>
            {t('models.version', { version: candidate })}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <div className="filters">
        <ChainSelect chains={chains} value={chainId} onChange={onChain} />
        {version('from', from, setFrom)}
        {version('to', to, setTo)}
      </div>
      {from < to ? (
        <AsyncView result={models}>
          {([fromModel, toModel]) => (
            <Migration
              key={`${from}/${to}`}
              chainId={chainId}
              from={from}
              to={to}
              fromModel={fromModel}
              toModel={toModel}
            />
          )}
        </AsyncView>
      ) : (
        <p className="notice notice--info">{t('migration.laterVersion')}</p>
      )}
    </>
  );
}

function Migration({
  chainId,
  from,
  to,
  fromModel,
  toModel,
}: {
  chainId: string;
  from: number;
  to: number;
  fromModel: ReferenceModel;
  toModel: ReferenceModel;
}) {
  const { t } = useI18n();
  const http = useHttp();
  const plans = useAsync(() => migrationsApi.plans(http, chainId), [http, chainId]);
  const [plan, setPlan] = useState<MigrationPlan | null>(null);
  const [dryRun, setDryRun] = useState<DryRun | null>(null);
  const [reason, setReason] = useState('');
  const [runId, setRunId] = useState<string | null>(null);
  const [runKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const latest =
    plan ??
    (plans.status === 'ready'
      ? (plans.data.find(
          (candidate) => candidate.fromVersion === from && candidate.toVersion === to,
        ) ?? null)
      : null);

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const save = (edits: ReturnType<typeof mappingEdits> = []) =>
    act(async () => {
      setDryRun(null);
      setPlan(
        await migrationsApi.savePlan(http, chainId, {
          fromVersion: from,
          toVersion: to,
          steps: edits,
        }),
      );
    });

  return (
    <>
      {!latest && (
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => save()}
          >
            {t('migration.generate')}
          </button>
        </div>
      )}
      {latest && (
        <MigrationPlanEditor
          key={latest.id}
          plan={latest}
          from={fromModel}
          to={toModel}
          busy={busy}
          onSave={save}
        />
      )}
      {latest && (
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() =>
              act(async () => setDryRun(await migrationsApi.dryRun(http, chainId, latest.id)))
            }
          >
            {t('migration.runDry')}
          </button>
        </div>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {dryRun && <MigrationDryRun dryRun={dryRun} />}
      {latest && dryRun && !runId && (
        <section className="panel form" aria-labelledby="start-title">
          <h2 id="start-title">{t('migration.start')}</h2>
          <div className="field">
            <label htmlFor="migration-reason">{t('migration.reason')}</label>
            <textarea
              id="migration-reason"
              rows={3}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
            <p className="hint">{t('migration.reasonHint')}</p>
          </div>
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              disabled={busy || !latest.valid || reason.trim().length < 3}
              onClick={() =>
                act(async () => {
                  const run = await migrationsApi.startRun(
                    http,
                    chainId,
                    latest.id,
                    reason,
                    runKey,
                  );
                  setRunId(run.id);
                })
              }
            >
              {t('migration.migrate', { count: dryRun.summary.migratable })}
            </button>
          </div>
        </section>
      )}
      {runId && <MigrationRunProgress chainId={chainId} runId={runId} />}
    </>
  );
}

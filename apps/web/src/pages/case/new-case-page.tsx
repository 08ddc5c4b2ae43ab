import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { casesApi } from '../../api/cases-api';
import { modelsApi } from '../../api/models-api';
import {
  INTENSITIES,
  type ChainModels,
  type Intensity,
  type ReferenceModel,
} from '../../api/types';
import { useCurrentUser, useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { ChainSelect } from '../../components/chain-select';
import { ErrorMessage } from '../../components/error-message';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/nl';
import { paths } from '../../routes';
import { FormFieldInput } from '../task/form-field-input';
import { formFromModel, toCaseData, type FormValues } from '../task/form-model';
import type { OpenedState } from './case-page';
import { serverIntakeProblems, validateIntake, type IntakeBasics } from './intake-model';

/** Intake: a caseworker of a partner in the chain, or the regisseur, opens a new case. */
export function NewCasePage() {
  const { t } = useI18n();
  const http = useHttp();
  const user = useCurrentUser();
  const chains = useAsync(() => modelsApi.chains(http), [http]);
  return (
    <>
      <PageTitle title={t('intake.title')} />
      <p className="muted">{t('intake.intro')}</p>
      <AsyncView
        result={chains}
        isEmpty={(list) => openable(list, user.organisationId, user.role).length === 0}
        empty={t('intake.noChains')}
      >
        {(list) => <IntakeChooser chains={openable(list, user.organisationId, user.role)} />}
      </AsyncView>
    </>
  );
}

/** Chains with a published version; a caseworker only those their organisation is a partner in. */
function openable(chains: ChainModels[], organisationId: string | null, role: string) {
  return chains.filter((chain) => {
    const current = chain.versions.find((version) => version.version === chain.currentVersion);
    if (!current) return false;
    return role !== 'caseworker' || current.partnerIds.includes(organisationId ?? '');
  });
}

function IntakeChooser({ chains }: { chains: ChainModels[] }) {
  const http = useHttp();
  const [chainId, setChainId] = useState(chains[0].chainId);
  // One key per form: a double click or a retry opens one case, not two.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const chain = chains.find((candidate) => candidate.chainId === chainId) ?? chains[0];
  const model = useAsync(
    () => modelsApi.version(http, chain.chainId, chain.currentVersion ?? 1),
    [http, chain.chainId, chain.currentVersion],
  );
  return (
    <div className="form panel">
      <ChainSelect chains={chains} value={chain.chainId} onChange={setChainId} />
      <AsyncView result={model}>
        {(loaded) => (
          <IntakeForm key={chain.chainId} model={loaded} idempotencyKey={idempotencyKey} />
        )}
      </AsyncView>
    </div>
  );
}

const EMPTY: IntakeBasics = {
  category: '',
  intensity: '',
  clientQuestion: '',
  clientReference: '',
};

function IntakeForm({ model, idempotencyKey }: { model: ReferenceModel; idempotencyKey: string }) {
  const { t } = useI18n();
  const http = useHttp();
  const navigate = useNavigate();
  const form = useMemo(() => formFromModel(model.intake.form, model.fields), [model]);
  const [basics, setBasics] = useState<IntakeBasics>(EMPTY);
  const [values, setValues] = useState<FormValues>({});
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const category = model.intake.categories.find((candidate) => candidate.id === basics.category);

  function set<K extends keyof IntakeBasics>(key: K, value: string) {
    setBasics((current) => ({ ...current, [key]: value }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const found = validateIntake(basics, form, values);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(inputId(first))?.focus();
      return;
    }
    setBusy(true);
    try {
      const opened = await casesApi.open(
        http,
        {
          chainId: model.chain.id,
          category: basics.category,
          intensity: (basics.intensity || undefined) as Intensity | undefined,
          clientQuestion: basics.clientQuestion.trim(),
          clientReference: basics.clientReference.trim(),
          data: toCaseData(form, values),
        },
        idempotencyKey,
      );
      const state: OpenedState = { opened: opened.transition.opened };
      navigate(paths.caseView(opened.case.id), { state });
    } catch (error) {
      setErrors(serverIntakeProblems(error, form));
      setFailure(error);
      setBusy(false);
    }
  }

  const errorCount = Object.keys(errors).length;
  const invalid = (name: string) =>
    errors[name]
      ? { 'aria-invalid': true as const, 'aria-describedby': `${inputId(name)}-error` }
      : {};
  const message = (name: string) =>
    errors[name] && (
      <p id={`${inputId(name)}-error`} className="field__error">
        {t(errors[name])}
      </p>
    );
  const fieldClass = (name: string) => `field ${errors[name] ? 'field--invalid' : ''}`;

  return (
    <form onSubmit={submit} noValidate aria-label={t('intake.title')} className="form">
      {errorCount > 0 && (
        <p className="notice notice--error" role="alert">
          {t('form.errorSummary', { count: errorCount })}
        </p>
      )}
      {failure !== null && errorCount === 0 && <ErrorMessage error={failure} />}
      <div className={fieldClass('category')}>
        <label htmlFor={inputId('category')}>
          {t('intake.category')} <span className="field__required">({t('form.required')})</span>
        </label>
        <select
          id={inputId('category')}
          value={basics.category}
          aria-required
          {...invalid('category')}
          onChange={(event) => set('category', event.target.value)}
        >
          <option value="">{t('form.choose')}</option>
          {model.intake.categories.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
        {message('category')}
      </div>
      <div className={fieldClass('intensity')}>
        <label htmlFor={inputId('intensity')}>{t('intake.intensity')}</label>
        <select
          id={inputId('intensity')}
          value={basics.intensity}
          {...invalid('intensity')}
          onChange={(event) => set('intensity', event.target.value)}
        >
          <option value="">
            {category
              ? t('intake.intensity.default', { intensity: t(`intensity.${category.intensity}`) })
              : t('intake.intensity.categoryDefault')}
          </option>
          {INTENSITIES.map((intensity) => (
            <option key={intensity} value={intensity}>
              {t(`intensity.${intensity}`)}
            </option>
          ))}
        </select>
        {message('intensity')}
      </div>
      <div className={fieldClass('clientQuestion')}>
        <label htmlFor={inputId('clientQuestion')}>
          {t('task.clientQuestion')} <span className="field__required">({t('form.required')})</span>
        </label>
        <textarea
          id={inputId('clientQuestion')}
          rows={3}
          value={basics.clientQuestion}
          aria-required
          {...invalid('clientQuestion')}
          onChange={(event) => set('clientQuestion', event.target.value)}
        />
        {message('clientQuestion')}
      </div>
      <div className={fieldClass('clientReference')}>
        <label htmlFor={inputId('clientReference')}>
          {t('task.clientReference')}{' '}
          <span className="field__required">({t('form.required')})</span>
        </label>
        <p className="hint" id={`${inputId('clientReference')}-hint`}>
          {t('intake.referenceHint')}
        </p>
        <input
          id={inputId('clientReference')}
          value={basics.clientReference}
          autoComplete="off"
          aria-required
          aria-invalid={errors.clientReference ? true : undefined}
          aria-describedby={`${inputId('clientReference')}-hint${
            errors.clientReference ? ` ${inputId('clientReference')}-error` : ''
          }`}
          onChange={(event) => set('clientReference', event.target.value)}
        />
        {message('clientReference')}
      </div>
      <h2>{t('intake.form')}</h2>
      {form.map((field) => (
        <FormFieldInput
          key={field.field}
          field={field}
          value={values[field.field] ?? ''}
          error={errors[field.field] ? t(errors[field.field]) : undefined}
          disabled={busy}
          onChange={(value) => setValues((current) => ({ ...current, [field.field]: value }))}
        />
      ))}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t('intake.submitting') : t('intake.submit')}
      </button>
    </form>
  );
}

/** The element id of an intake input (generated fields keep their own ids). */
function inputId(name: string): string {
  return name in EMPTY ? `intake-${name}` : `field-${name}`;
}

import { useRef, useState, type ChangeEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/api-error';
import { modelsApi } from '../../api/models-api';
import type { ModelProblem } from '../../api/types';
import { useHttp } from '../../auth/auth-context';
import { ErrorMessage } from '../../components/error-message';
import { PageTitle } from '../../components/page-title';
import { Notice } from '../../components/states';
import { useI18n } from '../../i18n/i18n-context';
import { paths } from '../../routes';
import { asModelProblems, declaredChainId, lineOffset } from './model-source';
import { ProblemList } from './problem-list';

type Outcome =
  | { kind: 'none' }
  | { kind: 'valid' }
  | { kind: 'problems'; problems: ModelProblem[] }
  | { kind: 'draftSaved'; chain: string }
  | { kind: 'published'; chainId: string; chain: string; version: number }
  | { kind: 'error'; error: unknown };

/** Model owners upload a model file, see its problems located in it, and publish it. */
export function ModelUploadPage() {
  const { t } = useI18n();
  const http = useHttp();
  const editor = useRef<HTMLTextAreaElement>(null);
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setSource(await file.text());
    setOutcome({ kind: 'none' });
  }

  function goTo(line: number) {
    const area = editor.current;
    if (!area) return;
    const start = lineOffset(source, line);
    const end = source.indexOf('\n', start);
    area.focus();
    area.setSelectionRange(start, end < 0 ? source.length : end);
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  async function run(action: () => Promise<Outcome>) {
    setBusy(true);
    try {
      setOutcome(await action());
    } catch (error) {
      const problems = error instanceof ApiError ? asModelProblems(error.errors) : [];
      setOutcome(problems.length ? { kind: 'problems', problems } : { kind: 'error', error });
    } finally {
      setBusy(false);
    }
  }

  const validate = () =>
    run(async () => {
      const report = await modelsApi.validate(http, source);
      return report.valid ? { kind: 'valid' } : { kind: 'problems', problems: report.problems };
    });

  /** Creates the chain's draft, or replaces the one it already has. */
  async function saveDraft() {
    const chainId = declaredChainId(source);
    const drafts = await modelsApi.drafts(http);
    return chainId && drafts.some((existing) => existing.chainId === chainId)
      ? modelsApi.saveDraft(http, chainId, source)
      : modelsApi.createDraft(http, source);
  }

  const draft = () =>
    run(async () => {
      const saved = await saveDraft();
      return saved.valid
        ? { kind: 'draftSaved', chain: saved.chainName }
        : { kind: 'problems', problems: saved.problems };
    });

  const publish = () =>
    run(async () => {
      const saved = await saveDraft();
      if (!saved.valid) return { kind: 'problems', problems: saved.problems };
      const version = await modelsApi.publish(http, saved.chainId);
      return {
        kind: 'published',
        chainId: saved.chainId,
        chain: saved.chainName,
        version: version.version,
      };
    });

  const empty = source.trim() === '';
  return (
    <>
      <PageTitle title={t('upload.title')} />
      <p className="lead">{t('upload.intro')}</p>
      <div className="upload">
        <div className="upload__editor">
          <div className="field">
            <label htmlFor="model-file">{t('upload.file')}</label>
            <input
              id="model-file"
              type="file"
              accept=".yaml,.yml,.json,application/yaml,application/json"
              onChange={readFile}
            />
          </div>
          <div className="field">
            <label htmlFor="model-source">{t('upload.source')}</label>
            <textarea
              id="model-source"
              ref={editor}
              className="code"
              spellCheck={false}
              rows={24}
              value={source}
              onChange={(event) => setSource(event.target.value)}
            />
          </div>
          <div className="actions">
            <button
              type="button"
              className="button button--secondary"
              disabled={busy || empty}
              onClick={validate}
            >
              {t('upload.validate')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy || empty}
              onClick={draft}
            >
              {t('upload.saveDraft')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={busy || empty}
              onClick={publish}
            >
              {t('upload.publish')}
            </button>
          </div>
        </div>
        <div className="upload__result" aria-live="polite">
          {outcome.kind === 'none' && empty && <p className="muted">{t('upload.empty')}</p>}
          {outcome.kind === 'valid' && <Notice>{t('upload.valid')}</Notice>}
          {outcome.kind === 'draftSaved' && (
            <Notice>{t('upload.draftSaved', { chain: outcome.chain })}</Notice>
          )}
          {outcome.kind === 'published' && (
            <Notice>
              {t('upload.published', { chain: outcome.chain, version: outcome.version })}{' '}
              <Link to={paths.model(outcome.chainId, outcome.version)}>{t('models.open')}</Link>
            </Notice>
          )}
          {outcome.kind === 'problems' && (
            <ProblemList problems={outcome.problems} source={source} onGoTo={goTo} />
          )}
          {outcome.kind === 'error' && <ErrorMessage error={outcome.error} />}
        </div>
      </div>
    </>
  );
}

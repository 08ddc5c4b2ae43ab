import type { ModelProblem } from '../../api/types';
import { useI18n } from '../../i18n/i18n-context';

interface Props {
  problems: ModelProblem[];
  source: string;
  onGoTo: (line: number) => void;
}

/** Every problem of a model with where it is, the offending line and a way to jump there. */
export function ProblemList({ problems, source, onGoTo }: Props) {
  const { t } = useI18n();
  const lines = source.split('\n');
  return (
    <section className="problems" aria-labelledby="problems-title">
      <h2 id="problems-title">{t('upload.problems', { count: problems.length })}</h2>
      <ol>
        {problems.map((problem, index) => (
          <li key={`${problem.path}-${problem.code}-${index}`} className="problem">
            <p className="problem__message">{problem.message}</p>
            <p className="problem__where">
              <code>{problem.code}</code> · <code>{problem.path || '/'}</code>
              {problem.line !== undefined &&
                ` · ${t('upload.problem.location', { line: problem.line, column: problem.column ?? 1 })}`}
            </p>
            {problem.line !== undefined && (
              <>
                <pre className="problem__excerpt">
                  <span className="problem__line-number">{problem.line}</span>
                  {lines[problem.line - 1] ?? ''}
                </pre>
                <button
                  type="button"
                  className="button button--ghost"
                  onClick={() => onGoTo(problem.line as number)}
                >
                  {t('upload.problem.goTo', { line: problem.line })}
                </button>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

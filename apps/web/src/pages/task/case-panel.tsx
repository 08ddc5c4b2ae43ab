import type { TaskDetail } from '../../api/types';
import { useI18n } from '../../i18n/i18n-context';

function display(value: unknown, yes: string, no: string): string {
  if (value === true) return yes;
  if (value === false) return no;
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** The case as far as this step may see it. */
export function CasePanel({ detail }: { detail: TaskDetail }) {
  const { t } = useI18n();
  const { case: view } = detail;
  const labels = new Map((view.fields ?? []).map((field) => [field.field, field.label]));
  const valueLabel = (field: string, value: unknown) =>
    view.fields
      ?.find((candidate) => candidate.field === field)
      ?.values?.find((choice) => choice.id === value)?.label ?? value;
  const entries = Object.entries(view.data ?? {});
  return (
    <section className="panel" aria-labelledby="case-title">
      <h2 id="case-title">{t('task.case')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('task.clientQuestion')}</dt>
          <dd>{view.clientQuestion}</dd>
        </div>
        <div>
          <dt>{t('task.clientReference')}</dt>
          <dd>
            <code>{view.clientReference}</code>
          </dd>
        </div>
      </dl>
      <h3>{t('task.caseData')}</h3>
      {entries.length === 0 ? (
        <p className="muted">{t('task.noCaseData')}</p>
      ) : (
        <dl className="facts" data-testid="case-data">
          {entries.map(([field, value]) => (
            <div key={field}>
              <dt>{labels.get(field) ?? field}</dt>
              <dd>{display(valueLabel(field, value), t('form.yes'), t('form.no'))}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

import type { ReferenceModel } from '../../api/types';
import { useI18n } from '../../i18n/i18n-context';
import { formatDuration, formatPercent } from './figure-format';
import { FigureText } from './figure-text';
import { normAnchor, normTerm } from './norm-term';
import type { StepFigures } from './step-figures';

/** The same steps as the drawing, as a table: readable by screen readers and searchable. */
export function StepTable({
  model,
  figures,
}: {
  model: ReferenceModel;
  figures: Map<string, StepFigures>;
}) {
  const { t, locale } = useI18n();
  const partners = new Map(model.partners.map((partner) => [partner.id, partner.name]));
  return (
    <details className="step-table">
      <summary>{t('model.stepList')}</summary>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('inbox.col.step')}</th>
            <th scope="col">{t('escalations.col.partner')}</th>
            <th scope="col">{t('model.normColumn')}</th>
            <th scope="col">{t('model.median')}</th>
            <th scope="col">{t('model.withinNorm')}</th>
            <th scope="col">{t('model.wip')}</th>
            <th scope="col">{t('model.escalations')}</th>
          </tr>
        </thead>
        <tbody>
          {model.steps.map((step) => {
            const figure = figures.get(step.id);
            const target = step.norm?.target;
            return (
              <tr key={step.id}>
                <th scope="row">{step.name}</th>
                <td>{partners.get(step.partner) ?? step.partner}</td>
                <td>
                  {target ? normTerm(target, normAnchor(step.norm?.anchor, model.fields), t) : '—'}
                </td>
                <td>
                  <FigureText
                    value={figure?.medianLeadTimeMs}
                    minGroupSize={figure?.minGroupSize}
                    format={(ms) => formatDuration(ms, locale)}
                  />
                </td>
                <td>
                  <FigureText
                    value={figure?.withinNormPct}
                    minGroupSize={figure?.minGroupSize}
                    format={formatPercent}
                  />
                </td>
                <td>
                  <FigureText value={figure?.workInProgress} minGroupSize={figure?.minGroupSize} />
                </td>
                <td>
                  <FigureText value={figure?.openEscalations} minGroupSize={figure?.minGroupSize} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}

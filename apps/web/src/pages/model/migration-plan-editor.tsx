import { useState } from 'react';
import type { MigrationPlan } from '../../api/migrations-api';
import type { ReferenceModel } from '../../api/types';
import { useI18n } from '../../i18n/i18n-context';
import { choicesOf, mappingEdits, type MappingChoices } from './migration-view';

/** Where a step with no counterpart sends its open tasks: nowhere (they are cancelled). */
const CANCEL = '';

/**
 * The plan as a table: each step of the old version and where its open tasks go in the new one,
 * generated or the owner's choice. Saving makes a new revision with the changed rows as edits.
 */
export function MigrationPlanEditor({
  plan,
  from,
  to,
  busy,
  onSave,
}: {
  plan: MigrationPlan;
  from: ReferenceModel;
  to: ReferenceModel;
  busy: boolean;
  onSave: (edits: ReturnType<typeof mappingEdits>) => void;
}) {
  const { t } = useI18n();
  const [choices, setChoices] = useState<MappingChoices>(() => choicesOf(plan));
  const origin = new Map(plan.steps.map((entry) => [entry.from, entry.origin]));
  const edits = mappingEdits(plan, choices);
  return (
    <section className="panel" aria-labelledby="plan-title">
      <h2 id="plan-title">
        {t('migration.plan', {
          revision: plan.revision,
          from: plan.fromVersion,
          to: plan.toVersion,
        })}
      </h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('migration.oldStep', { version: plan.fromVersion })}</th>
              <th scope="col">{t('migration.newStep', { version: plan.toVersion })}</th>
              <th scope="col">{t('migration.origin')}</th>
            </tr>
          </thead>
          <tbody>
            {from.steps.map((step) => {
              const chosen = choices[step.id];
              const value = chosen === undefined ? undefined : (chosen[0] ?? CANCEL);
              return (
                <tr key={step.id}>
                  <th scope="row">
                    {step.name} <span className="muted">({step.id})</span>
                  </th>
                  <td>
                    <select
                      aria-label={t('migration.mapStep', { step: step.name })}
                      value={value ?? '-'}
                      onChange={(event) =>
                        setChoices({
                          ...choices,
                          [step.id]: event.target.value === CANCEL ? [] : [event.target.value],
                        })
                      }
                    >
                      {value === undefined && (
                        <option value="-" disabled>
                          {t('migration.unmapped')}
                        </option>
                      )}
                      {to.steps.map((target) => (
                        <option key={target.id} value={target.id}>
                          {target.name} ({target.id})
                        </option>
                      ))}
                      <option value={CANCEL}>{t('migration.cancelTasks')}</option>
                    </select>
                    {chosen && chosen.length > 1 && (
                      <span className="muted"> + {chosen.slice(1).join(', ')}</span>
                    )}
                  </td>
                  <td>
                    {t(
                      origin.get(step.id) === 'owner' ? 'migration.byOwner' : 'migration.generated',
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {plan.problems.length > 0 ? (
        <div className="notice notice--error" role="alert">
          <p>{t('migration.problems', { count: plan.problems.length })}</p>
          <ul>
            {plan.problems.map((problem) => (
              <li key={`${problem.code}${problem.path}${problem.message}`}>{problem.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="notice notice--success" role="status">
          {t('migration.valid')}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={busy || edits.length === 0}
          onClick={() => onSave(edits)}
        >
          {t('migration.saveRevision')}
        </button>
      </div>
    </section>
  );
}

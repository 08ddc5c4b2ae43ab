import type { Client as PgClient } from 'pg';
import { INVARIANTS, type Observed } from './invariants';

/**
 * After the real check, the run breaks its own read side and observations on purpose — one
 * corruption per invariant — and checks again: every invariant must fire, or the check could not
 * fail and would prove nothing. Returns the corrupted observations and the invariants expected to fire.
 */
export async function tamper(
  database: PgClient,
  observed: Observed,
): Promise<{ observed: Observed; expected: string[] }> {
  const one = async <T extends object>(sql: string): Promise<T> => {
    const { rows } = await database.query<T>(sql);
    if (!rows[0]) throw new Error(`Nothing to tamper with: ${sql}`);
    return rows[0];
  };
  // A handover lost from the task rows, and a second completion of another task.
  const reopened = await one<{ case_id: string }>(
    `UPDATE tasks SET status = 'open', closed_at = NULL
     WHERE id = (SELECT id FROM tasks WHERE status = 'completed' ORDER BY case_id, task_key LIMIT 1)
     RETURNING case_id`,
  );
  await database.query(
    `INSERT INTO case_events (event_id, case_id, type, task_key, step_id, partner_id, occurred_at, details)
     SELECT case_id || ':9999', case_id, type, task_key, step_id, partner_id, occurred_at, details
     FROM case_events WHERE type = 'task.completed' AND case_id <> $1 ORDER BY event_id LIMIT 1`,
    [reopened.case_id],
  );
  // A case opened twice under one key, a task time off by a second, a closed case reopened.
  await database.query(
    `INSERT INTO cases (id, chain_id, model_version, category, intensity, client_question, client_reference,
       data, status, opened_by, opened_at)
     SELECT gen_random_uuid(), chain_id, model_version, category, intensity, client_question, client_reference,
       data, 'cancelled', opened_by, opened_at FROM cases ORDER BY number LIMIT 1`,
  );
  await database.query(
    `UPDATE tasks SET opened_at = opened_at - interval '1 second'
     WHERE id = (SELECT id FROM tasks ORDER BY case_id DESC, task_key LIMIT 1)`,
  );
  await database.query(
    `UPDATE cases SET status = 'open'
     WHERE id = (SELECT id FROM cases WHERE status = 'closed' AND id <> $1 ORDER BY number DESC LIMIT 1)`,
    [reopened.case_id],
  );
  // An in-app notification lost (of the kind the invariant accounts for).
  await database.query(
    `DELETE FROM notifications WHERE id = (SELECT id FROM notifications
       WHERE kind = 'task.assigned' ORDER BY event_id LIMIT 1)`,
  );
  // Observations: a webhook never received, a write never audited, a write that outlived an outage, a case given up.
  const [firstAck] = observed.acknowledgements;
  if (!firstAck) throw new Error('Nothing to tamper with: no acknowledgement');
  const tampered: Observed = {
    ...observed,
    webhooks: observed.webhooks.filter((body) => body.id !== observed.webhooks[0]?.id),
    acknowledgements: [
      ...observed.acknowledgements,
      { ...firstAck, path: '/tasks/never-audited/claim' },
      { ...firstAck, at: firstAck.sentAt + 20_000 },
    ],
    redisOutages: [{ startedAt: firstAck.sentAt - 1, restoredAt: firstAck.sentAt + 10_000 }],
    abandoned: [...observed.abandoned, { caseIndex: -1, reason: 'tampered' }],
  };
  // The fault-time checks are not re-run here: they are judged while the fault happens.
  const atFaultTime: string[] = [INVARIANTS.faultsInjected, INVARIANTS.durableFirst];
  return {
    observed: tampered,
    expected: Object.values(INVARIANTS).filter((name) => !atFaultTime.includes(name)),
  };
}

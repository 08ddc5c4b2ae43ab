import type { CaseProjection } from '@schakel/contracts';
import { projectionStatement } from './projection-statement';

const CASE = '6f1c2b8e-3d4a-4e5f-8a9b-0c1d2e3f4a5b';

const base = (extra: Partial<CaseProjection>): CaseProjection => ({
  caseId: CASE,
  chainId: 'chain',
  modelVersion: 1,
  events: [],
  opened: [],
  changed: [],
  notifications: [],
  ...extra,
});

const opening = {
  taskKey: 'matching:1',
  stepId: 'matching',
  stepName: 'Matching',
  partnerId: 'gemeente',
  iteration: 1,
  handedOverBy: [],
  openedAt: '2026-01-05T09:00:00.000Z',
  dueAt: null,
  escalationAt: null,
};

/** The JSON parameter a CTE reads its rows from. */
function rowsOf(statement: ReturnType<typeof projectionStatement>, cte: string): unknown[] {
  const part = statement.text.split(/,\n(?=\w+ AS \()/).find((sql) => sql.includes(`${cte} AS (`));
  const placeholder = /\$(\d+)::jsonb/.exec(part ?? '')?.[1];
  if (!placeholder) throw new Error(`${cte} reads no JSON`);
  return JSON.parse(statement.values[Number(placeholder) - 1] as string) as unknown[];
}

describe('projectionStatement', () => {
  it('writes a claim as one statement: its event and the task update, nothing else', () => {
    const statement = projectionStatement(
      base({
        events: [
          {
            eventId: `${CASE}:4`,
            type: 'task.claimed',
            occurredAt: '2026-01-05T10:00:00.000Z',
            details: {},
          },
        ],
        changed: [
          { taskKey: 'matching:1', assigneeId: 'u1', claimedAt: '2026-01-05T10:00:00.000Z' },
        ],
      }),
    );
    expect(statement.text.match(/\b\w+ AS \(/g)).toEqual(['new_events AS (', 'changed_tasks AS (']);
    expect(statement.text).not.toMatch(/kpi_fact_queue|outbox|UPDATE cases/);
    expect(statement.values[0]).toBe(CASE);
  });

  it('folds a change of a task opened in the same transition into its insert, and still updates it', () => {
    // The reconciler's resync re-opens every task (inserted only if missing) and overwrites its state.
    const statement = projectionStatement(
      base({
        opened: [opening],
        changed: [
          { taskKey: 'matching:1', status: 'open', assigneeId: null },
          { taskKey: 'matching:1', assigneeId: 'u2', claimedAt: '2026-01-05T10:00:00.000Z' },
        ],
      }),
    );
    expect(rowsOf(statement, 'new_tasks')).toEqual([
      expect.objectContaining({
        task_key: 'matching:1',
        status: 'open',
        assignee_id: 'u2',
        claimed_at: '2026-01-05T10:00:00.000Z',
      }),
    ]);
    expect(rowsOf(statement, 'changed_tasks')).toEqual([
      {
        taskKey: 'matching:1',
        status: 'open',
        assigneeId: 'u2',
        claimedAt: '2026-01-05T10:00:00.000Z',
      },
    ]);
  });

  it('queues the case for its KPI facts whenever the case row changes, and notifies the relay', () => {
    const statement = projectionStatement(
      base({
        caseChange: { status: 'closed', data: {}, currentPartners: [], closedAt: 'x' },
        notifications: [
          {
            id: `${CASE}:9:case.closed`,
            kind: 'case.closed',
            organisationIds: ['gemeente'],
            title: 't',
            body: 'b',
          },
        ],
      }),
    );
    expect(statement.text).toContain('INSERT INTO kpi_fact_queue');
    expect(statement.text).toMatch(/UPDATE cases SET/);
    expect(statement.text).toMatch(/^SELECT pg_notify\(/m);
  });

  it('names a statement by its shape, so each connection prepares each shape once', () => {
    const claim = (key: string) =>
      projectionStatement(base({ changed: [{ taskKey: key, assigneeId: 'u' }] }));
    expect(claim('a:1').name).toBe(claim('b:1').name);
    expect(claim('a:1').name).not.toBe(
      projectionStatement(base({ opened: [opening], changed: [] })).name,
    );
  });
});

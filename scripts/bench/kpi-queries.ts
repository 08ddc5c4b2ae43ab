/**
 * Representative KPI aggregates until the /kpis endpoints (issue 6) exist: lead time per step
 * (claimed → completed; median and p90) of one chain over the last year — once from the event log,
 * once from the task rows the projection keeps.
 */
export const KPI_QUERIES: Record<string, string> = {
  'kpi lead time (event log)': `
    SELECT step_id, count(*) AS tasks,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY lead) AS median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY lead) AS p90
    FROM (
      SELECT e.step_id,
        extract(epoch FROM max(e.occurred_at) FILTER (WHERE e.type = 'task.completed')
                         - max(e.occurred_at) FILTER (WHERE e.type = 'task.claimed')) AS lead
      FROM case_events e JOIN cases c ON c.id = e.case_id
      WHERE c.chain_id = $1 AND e.type IN ('task.claimed', 'task.completed')
        AND e.occurred_at >= now() - interval '365 days'
      GROUP BY e.case_id, e.task_key, e.step_id
    ) per_task
    WHERE lead IS NOT NULL
    GROUP BY step_id`,
  'kpi lead time (tasks table)': `
    SELECT step_id, count(*) AS tasks,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - claimed_at)) AS median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - claimed_at)) AS p90
    FROM tasks
    WHERE chain_id = $1 AND status = 'completed' AND claimed_at IS NOT NULL
      AND closed_at >= now() - interval '365 days'
    GROUP BY step_id`,
};

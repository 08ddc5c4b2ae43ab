/** Amsterdam civil date of an instant: KPI days are the days people in the chain work on. */
export const AMSTERDAM_DAY = (column: string) =>
  `(${column} AT TIME ZONE 'Europe/Amsterdam')::date`;

/**
 * The `detail` a case event is counted under in `kpi_event_daily`: 'handover' or 'first' for
 * task.opened, the level for escalation events, the result for case.closed. `row` is the event.
 */
export const EVENT_DETAIL = (row: string) => `CASE
                 WHEN ${row}.type = 'task.opened' THEN
                   CASE WHEN jsonb_array_length(COALESCE(${row}.details->'handedOverBy', '[]'::jsonb)) > 0
                        THEN 'handover' ELSE 'first' END
                 WHEN ${row}.type LIKE 'escalation.%' THEN COALESCE(${row}.details->>'level', '')
                 WHEN ${row}.type = 'case.closed' THEN COALESCE(${row}.details->>'result', '')
                 ELSE ''
               END`;

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

/**
 * The per-event counter of migration 1764400000000: every event upserts its day's row. Replaced
 * by appended deltas in 1764918000000, whose `down` puts it back.
 */
export const PER_EVENT_COUNTER = [
  `CREATE FUNCTION kpi_event_daily_count() RETURNS trigger AS $$
      BEGIN
        INSERT INTO kpi_event_daily (day, chain_id, model_version, type, step_id, partner_id, detail, events)
        SELECT ${AMSTERDAM_DAY('NEW.occurred_at')}, c.chain_id, c.model_version, NEW.type,
               COALESCE(NEW.step_id, ''), COALESCE(NEW.partner_id, ''),
               ${EVENT_DETAIL('NEW')},
               1
        FROM cases c WHERE c.id = NEW.case_id
        ON CONFLICT (chain_id, day, model_version, type, step_id, partner_id, detail)
        DO UPDATE SET events = kpi_event_daily.events + 1;
        RETURN NULL;
      END $$ LANGUAGE plpgsql`,
  // Notes are case content, not process: they never reach the figures.
  `CREATE TRIGGER case_events_kpi_daily AFTER INSERT ON case_events
      FOR EACH ROW WHEN (NEW.type <> 'note.added') EXECUTE FUNCTION kpi_event_daily_count()`,
];

/** The channel the relay listens on, so a new row leaves at once instead of at the next poll. */
export const OUTBOX_CHANNEL = 'schakel_outbox';

/**
 * Outbox rows from a JSON array of notifications (`param`, a jsonb placeholder): keyed by the
 * notification's own id, so a retried projection adds nothing.
 */
export const outboxInsert = (param: string) =>
  `INSERT INTO outbox (id, case_id, kind, payload)
   SELECT e->>'id', (e->>'caseId')::uuid, e->>'kind', e FROM jsonb_array_elements(${param}) AS e
   ON CONFLICT (id) DO NOTHING`;

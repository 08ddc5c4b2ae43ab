import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CaseProjection, ClockChange } from '@schakel/contracts';
import { KpiFactRepository } from '../kpis/kpi-fact.repository';
import { OutboxRepository } from '../outbox/outbox.repository';

/**
 * Writes what a case workflow durably decided, in one transaction: the case row (at intake), events,
 * task rows, escalations, KPI facts and the notifications' outbox rows. Idempotent: events and
 * outbox rows are keyed by their deterministic ids, task openings by (case, task key), and
 * everything else is a plain overwrite — so an activity retried after a lost acknowledgement
 * changes nothing the second time.
 */
@Injectable()
export class CaseProjectionRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly kpiFacts: KpiFactRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  apply(projection: CaseProjection): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const { caseId, chainId, modelVersion, opening } = projection;
      if (opening) {
        // The case row exists only once its workflow durably decided the intake.
        await manager.query(
          `INSERT INTO cases (id, chain_id, model_version, category, intensity, client_question,
             client_reference, data, status, current_partners, opened_by, opened_by_organisation,
             idempotency_key, opened_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, '{}', 'open', '{}', $8, $9, $10, $11)
           ON CONFLICT (id) DO NOTHING`,
          [
            caseId,
            chainId,
            modelVersion,
            opening.category,
            opening.intensity,
            opening.clientQuestion,
            opening.clientReference,
            opening.openedBy.userId,
            opening.openedBy.organisationId,
            opening.idempotencyKey,
            opening.openedAt,
          ],
        );
        if (opening.openedBy.organisationId) {
          await manager.query(
            `INSERT INTO case_participants (case_id, organisation_id, since) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING`,
            [caseId, opening.openedBy.organisationId, opening.openedAt],
          );
        }
      }
      for (const event of projection.events) {
        await manager.query(
          `INSERT INTO case_events (event_id, case_id, type, task_key, step_id, partner_id, actor_id, actor_role,
             actor_organisation, occurred_at, details)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (event_id) DO NOTHING`,
          [
            event.eventId,
            caseId,
            event.type,
            event.taskKey ?? null,
            event.stepId ?? null,
            event.partnerId ?? null,
            event.actor?.userId ?? null,
            event.actor?.role ?? null,
            event.actor?.organisationId ?? null,
            event.occurredAt,
            JSON.stringify(event.details),
          ],
        );
      }
      for (const task of projection.opened) {
        await manager.query(
          `INSERT INTO tasks (case_id, task_key, chain_id, model_version, step_id, step_name, partner_id, status,
             iteration, handed_over_by, opened_at, due_at, escalation_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10, $11, $12)
           ON CONFLICT (case_id, task_key) DO NOTHING`,
          [
            caseId,
            task.taskKey,
            chainId,
            modelVersion,
            task.stepId,
            task.stepName,
            task.partnerId,
            task.iteration,
            task.handedOverBy,
            task.openedAt,
            task.dueAt,
            task.escalationAt,
          ],
        );
        await manager.query(
          `INSERT INTO case_participants (case_id, organisation_id, since) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING`,
          [caseId, task.partnerId, task.openedAt],
        );
      }
      for (const change of projection.changed) {
        const { columns, values, set } = assignments([caseId, change.taskKey]);
        if (change.status !== undefined) set('status', change.status);
        if (change.assigneeId !== undefined) set('assignee_id', change.assigneeId);
        if (change.claimedAt !== undefined) set('claimed_at', change.claimedAt);
        if (change.closedAt !== undefined) set('closed_at', change.closedAt);
        if (change.outcome !== undefined) set('outcome', change.outcome);
        if (change.partnerId !== undefined) set('partner_id', change.partnerId);
        setClockColumns(change, '', set);
        if (change.stepId !== undefined) set('step_id', change.stepId);
        if (change.stepName !== undefined) set('step_name', change.stepName);
        if (change.modelVersion !== undefined) set('model_version', change.modelVersion);
        if (columns.length === 0) continue;
        await manager.query(
          `UPDATE tasks SET ${columns.join(', ')} WHERE case_id = $1 AND task_key = $2`,
          values,
        );
        if (change.partnerId !== undefined) {
          // A partner the task is reassigned to becomes involved in the case (need-to-know).
          await manager.query(
            `INSERT INTO case_participants (case_id, organisation_id, since) VALUES ($1, $2, now())
             ON CONFLICT DO NOTHING`,
            [caseId, change.partnerId],
          );
        }
      }
      for (const escalation of projection.escalations ?? []) {
        await manager.query(
          `INSERT INTO escalations (id, case_id, chain_id, model_version, task_key, step_id, partner_id, trigger,
             level, level_name, owner, status, raised_at, level_since, level_due_at, resolved_at, resolved_by, resolution)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
           ON CONFLICT (id) DO UPDATE SET level = EXCLUDED.level, level_name = EXCLUDED.level_name,
             owner = EXCLUDED.owner, status = EXCLUDED.status, level_since = EXCLUDED.level_since,
             step_id = EXCLUDED.step_id, partner_id = EXCLUDED.partner_id,
             level_due_at = EXCLUDED.level_due_at, resolved_at = EXCLUDED.resolved_at,
             resolved_by = EXCLUDED.resolved_by, resolution = EXCLUDED.resolution`,
          [
            escalation.id,
            caseId,
            chainId,
            modelVersion,
            escalation.taskKey ?? null,
            escalation.stepId ?? null,
            escalation.partnerId ?? null,
            escalation.trigger,
            escalation.level,
            escalation.levelName,
            escalation.owner,
            escalation.status,
            escalation.raisedAt,
            escalation.levelSince,
            escalation.levelDueAt,
            escalation.resolvedAt ?? null,
            escalation.resolvedBy ?? null,
            escalation.resolution ?? null,
          ],
        );
      }
      if (projection.caseClock) {
        // Before the case change below, so the KPI facts of a case ending now see its final clock.
        const { columns, values, set } = assignments([caseId]);
        const clock = projection.caseClock;
        if (clock.enforced) set('norm_enforced', true);
        if (clock.withinNorm !== undefined) set('norm_within', clock.withinNorm);
        setClockColumns(clock, 'norm_', set);
        await manager.query(`UPDATE cases SET ${columns.join(', ')} WHERE id = $1`, values);
      }
      // Absent in projections of cases from before the outbox (legacy-local-projection.ts).
      await this.outbox.append(manager, projection.notifications ?? []);
      const { caseChange } = projection;
      if (!caseChange) return;
      // The version follows the workflow's: a migration moves the case to a later one.
      await manager.query(
        `UPDATE cases SET status = $2, data = $3, current_partners = $4, end_id = $5, result = $6,
           exit_reason = $7, closed_at = COALESCE($8, closed_at), model_version = $9, updated_at = now()
         WHERE id = $1`,
        [
          caseId,
          caseChange.status,
          JSON.stringify(caseChange.data),
          caseChange.currentPartners,
          caseChange.end?.endId ?? null,
          caseChange.end?.result ?? (caseChange.status === 'cancelled' ? 'closed' : null),
          caseChange.end?.exitReason ?? null,
          caseChange.closedAt ?? null,
          modelVersion,
        ],
      );
      await this.kpiFacts.record(manager, caseId);
    });
  }
}

/** `column = $n` assignments after the given key parameters. */
function assignments(keys: unknown[]): {
  columns: string[];
  values: unknown[];
  set: (column: string, value: unknown) => void;
} {
  const columns: string[] = [];
  const values = [...keys];
  const set = (column: string, value: unknown) => {
    values.push(value);
    columns.push(`${column} = $${values.length}`);
  };
  return { columns, values, set };
}

/** The norm-clock columns a change carries, named alike on tasks and (with `norm_`) on cases. */
function setClockColumns(
  change: ClockChange,
  prefix: string,
  set: (column: string, value: unknown) => void,
): void {
  if (change.dueAt !== undefined) set(`${prefix}due_at`, change.dueAt);
  if (change.escalationAt !== undefined) set(`${prefix}escalation_at`, change.escalationAt);
  if (change.suspendedSince !== undefined) set(`${prefix}suspended_since`, change.suspendedSince);
  if (change.suspendedMs !== undefined) set(`${prefix}suspended_ms`, change.suspendedMs);
  if (change.extended !== undefined) set(`${prefix}extended`, change.extended);
  if (change.warnedAt !== undefined) set(`${prefix}warned_at`, change.warnedAt);
  if (change.overdueAt !== undefined) set(`${prefix}overdue_at`, change.overdueAt);
}

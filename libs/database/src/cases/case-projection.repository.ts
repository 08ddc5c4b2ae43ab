import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CaseProjection } from '@schakel/contracts';

/**
 * Writes what a case workflow decided, in one transaction. Idempotent: events are keyed by their
 * deterministic id, task openings by (case, task key), and everything else is a plain overwrite —
 * so an activity retried after a lost acknowledgement changes nothing the second time.
 */
@Injectable()
export class CaseProjectionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  apply(projection: CaseProjection): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const { caseId, chainId, modelVersion } = projection;
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
        const columns: string[] = [];
        const values: unknown[] = [caseId, change.taskKey];
        const set = (column: string, value: unknown) => {
          values.push(value);
          columns.push(`${column} = $${values.length}`);
        };
        if (change.status !== undefined) set('status', change.status);
        if (change.assigneeId !== undefined) set('assignee_id', change.assigneeId);
        if (change.claimedAt !== undefined) set('claimed_at', change.claimedAt);
        if (change.closedAt !== undefined) set('closed_at', change.closedAt);
        if (change.outcome !== undefined) set('outcome', change.outcome);
        if (change.partnerId !== undefined) set('partner_id', change.partnerId);
        if (columns.length === 0) continue;
        await manager.query(
          `UPDATE tasks SET ${columns.join(', ')} WHERE case_id = $1 AND task_key = $2`,
          values,
        );
      }
      const { caseChange } = projection;
      await manager.query(
        `UPDATE cases SET status = $2, data = $3, current_partners = $4, end_id = $5, result = $6,
           exit_reason = $7, closed_at = $8, updated_at = now()
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
        ],
      );
    });
  }
}

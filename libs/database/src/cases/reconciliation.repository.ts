import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ReadSideRows {
  status: string;
  /** Highest event sequence of the workflow's own events (`<caseId>:<n>`; notes are not counted). */
  sequence: number;
  tasks: { taskKey: string; status: string; partnerId: string; assigneeId: string | null }[];
}

/** What the reconciler reads of the read side, case by case. */
@Injectable()
export class ReconciliationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Open cases in id order, a page after `afterId`, so a long sweep never holds one big result. */
  async openCaseIds(afterId: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM cases WHERE status = 'open' AND ($1::uuid IS NULL OR id > $1::uuid)
       ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((row) => row.id);
  }

  async rowsOf(caseId: string): Promise<ReadSideRows | null> {
    const [row]: { status: string; sequence: number }[] = await this.dataSource.query(
      `SELECT c.status,
         COALESCE((SELECT max(split_part(e.event_id, ':', 2)::int) FROM case_events e
           WHERE e.case_id = c.id AND e.event_id LIKE c.id::text || ':%'), 0) AS sequence
       FROM cases c WHERE c.id = $1`,
      [caseId],
    );
    if (!row) return null;
    const tasks: ReadSideRows['tasks'] = await this.dataSource.query(
      `SELECT task_key AS "taskKey", status, partner_id AS "partnerId", assignee_id AS "assigneeId"
       FROM tasks WHERE case_id = $1 ORDER BY task_key`,
      [caseId],
    );
    return { status: row.status, sequence: Number(row.sequence), tasks };
  }
}

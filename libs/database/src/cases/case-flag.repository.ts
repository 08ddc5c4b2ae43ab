import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type CaseFlagKind = 'projection-rejected' | 'drift';

export interface CaseFlag {
  id: string;
  caseId: string;
  kind: CaseFlagKind;
  code: string;
  /** Ids, codes, table and constraint names: never case data. */
  detail: Record<string, unknown>;
  raisedAt: string;
  occurrences: number;
  repaired: boolean;
}

/** Cases an operator must look at. One open flag per case, kind and code; repeats count up. */
@Injectable()
export class CaseFlagRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async raise(
    caseId: string,
    kind: CaseFlagKind,
    code: string,
    detail: Record<string, unknown>,
    repaired = false,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO case_flags (case_id, kind, code, detail, repaired) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_id, kind, code) WHERE resolved_at IS NULL
       DO UPDATE SET occurrences = case_flags.occurrences + 1, detail = EXCLUDED.detail,
         repaired = EXCLUDED.repaired`,
      [caseId, kind, code, JSON.stringify(detail), repaired],
    );
  }

  listOpen(limit: number, offset: number): Promise<CaseFlag[]> {
    return this.dataSource.query(
      `SELECT id::text, case_id AS "caseId", kind, code, detail, raised_at AS "raisedAt",
         occurrences, repaired
       FROM case_flags WHERE resolved_at IS NULL ORDER BY raised_at DESC, id DESC LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
  }

  async countOpen(): Promise<Record<CaseFlagKind, number>> {
    const rows: { kind: CaseFlagKind; count: number }[] = await this.dataSource.query(
      `SELECT kind, count(*)::int AS count FROM case_flags WHERE resolved_at IS NULL GROUP BY kind`,
    );
    const counts: Record<CaseFlagKind, number> = { 'projection-rejected': 0, drift: 0 };
    for (const row of rows) counts[row.kind] = row.count;
    return counts;
  }

  /** Closes an open flag with who did it and why; the case id it was about, or null if none was open. */
  async resolve(id: string, userId: string, resolution: string): Promise<string | null> {
    const [rows]: [{ case_id: string }[], number] = await this.dataSource.query(
      `UPDATE case_flags SET resolved_at = now(), resolved_by = $2, resolution = $3
       WHERE id = $1 AND resolved_at IS NULL RETURNING case_id`,
      [id, userId, resolution],
    );
    return rows[0]?.case_id ?? null;
  }
}

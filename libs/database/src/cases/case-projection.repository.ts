import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { CaseProjection } from '@schakel/contracts';
import { projectionStatement } from './projection-statement';

/**
 * Writes what a case workflow durably decided: the case row (at intake), events, task rows,
 * escalations, the notifications' outbox rows and the case's place in the KPI fact queue — in one
 * statement, so one round trip and atomic without a transaction block. Idempotent: events and
 * outbox rows are keyed by their deterministic ids, task openings by (case, task key), and
 * everything else is a plain overwrite — so an activity retried after a lost acknowledgement
 * changes nothing the second time. KPI facts and aggregates follow off this path (kpi-rollup).
 */
@Injectable()
export class CaseProjectionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async apply(projection: CaseProjection): Promise<void> {
    const { name, text, values } = projectionStatement(projection);
    const runner = this.dataSource.createQueryRunner();
    try {
      // A named statement is parsed and planned once per connection and shape, not per transition.
      const client = (await runner.connect()) as PoolClient;
      await client.query({ name, text, values });
    } finally {
      await runner.release();
    }
  }
}

import { Module } from '@nestjs/common';
import { ConfigModule } from '@schakel/config';
import { DatabaseModule } from '@schakel/database';
import { HttpLoggerModule } from '@schakel/http';
import { QueueModule } from '@schakel/queue';
import { TemporalClientModule } from '@schakel/temporal';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { CaseActivities } from './cases/case.activities';
import { CaseMigrationActivities } from './migrations/case-migration.activities';
import { KpiRollupService } from './kpis/kpi-rollup.service';
import { SmokeActivities } from './smoke/smoke.activities';
import {
  defaultWorkflowSource,
  TemporalWorkerService,
  WORKFLOW_SOURCE,
} from './temporal-worker.service';

@Module({
  imports: [
    ConfigModule,
    HttpLoggerModule,
    DatabaseModule,
    QueueModule,
    NotificationsWorkerModule,
    // The migration driver's activities send Updates to case workflows, as the API does.
    TemporalClientModule,
  ],
  providers: [
    SmokeActivities,
    CaseActivities,
    CaseMigrationActivities,
    KpiRollupService,
    TemporalWorkerService,
    { provide: WORKFLOW_SOURCE, useValue: defaultWorkflowSource },
  ],
})
export class WorkerModule {}

import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnvironmentVariables } from '@schakel/config';
import { dataSourceOptions } from './data-source-options';
import { AuditLogRepository } from './audit/audit-log.repository';
import { ENTITIES } from './entities';
import { OrganisationRepository } from './identity/organisation.repository';
import { LoginFailureRepository } from './identity/login-failure.repository';
import { ScimClientRepository } from './identity/scim-client.repository';
import { UserRepository } from './identity/user.repository';
import { ModelRepository } from './models/model.repository';
import { CaseEventRepository } from './cases/case-event.repository';
import { CaseMigrationRepository } from './case-migrations/case-migration.repository';
import { CaseFlagRepository } from './cases/case-flag.repository';
import { ReconciliationRepository } from './cases/reconciliation.repository';
import { CaseProjectionRepository } from './cases/case-projection.repository';
import { CaseRepository } from './cases/case.repository';
import { EscalationRepository } from './cases/escalation.repository';
import { TaskRepository } from './cases/task.repository';
import { EventLogRepository } from './kpis/event-log.repository';
import { IdempotencyKeyRepository } from './idempotency/idempotency-key.repository';
import { KpiFactRepository } from './kpis/kpi-fact.repository';
import { KpiQueryRepository } from './kpis/kpi-query.repository';
import { KpiRollupRepository } from './kpis/kpi-rollup.repository';
import { OutboxRepository } from './outbox/outbox.repository';
import { EmailNotificationRepository } from './notifications/email-notification.repository';
import { EmailSubscriptionRepository } from './notifications/email-subscription.repository';
import { NotificationRepository } from './notifications/notification.repository';
import { WebhookDeliveryRepository } from './notifications/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from './notifications/webhook-subscription.repository';

const REPOSITORIES = [
  AuditLogRepository,
  OrganisationRepository,
  UserRepository,
  ScimClientRepository,
  LoginFailureRepository,
  ModelRepository,
  CaseRepository,
  TaskRepository,
  CaseEventRepository,
  CaseProjectionRepository,
  CaseFlagRepository,
  ReconciliationRepository,
  OutboxRepository,
  EscalationRepository,
  NotificationRepository,
  WebhookSubscriptionRepository,
  WebhookDeliveryRepository,
  EmailSubscriptionRepository,
  EmailNotificationRepository,
  KpiFactRepository,
  KpiQueryRepository,
  KpiRollupRepository,
  EventLogRepository,
  IdempotencyKeyRepository,
  CaseMigrationRepository,
];

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [EnvironmentVariables],
      useFactory: (env: EnvironmentVariables) => dataSourceOptions(env.DATABASE_URL),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class DatabaseModule {}

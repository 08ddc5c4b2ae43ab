import { AuditEntryEntity } from './audit/audit-entry.entity';
import { CaseEventEntity } from './cases/case-event.entity';
import { MigrationCaseEntity } from './case-migrations/migration-case.entity';
import { MigrationPlanEntity } from './case-migrations/migration-plan.entity';
import { MigrationRunEntity } from './case-migrations/migration-run.entity';
import { CaseEntity } from './cases/case.entity';
import { EscalationEntity } from './cases/escalation.entity';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity';
import { TaskEntity } from './cases/task.entity';
import { OrganisationEntity } from './identity/organisation.entity';
import { RoleGrantEntity } from './identity/role-grant.entity';
import { ScimClientEntity } from './identity/scim-client.entity';
import { UserEntity } from './identity/user.entity';
import { ModelDraftEntity } from './models/model-draft.entity';
import { ModelVersionEntity } from './models/model-version.entity';
import { EmailNotificationEntity } from './notifications/email-notification.entity';
import { EmailSubscriptionEntity } from './notifications/email-subscription.entity';
import { NotificationEntity } from './notifications/notification.entity';
import { WebhookDeliveryEntity } from './notifications/webhook-delivery.entity';
import { WebhookSubscriptionEntity } from './notifications/webhook-subscription.entity';

export const ENTITIES = [
  AuditEntryEntity,
  OrganisationEntity,
  UserEntity,
  RoleGrantEntity,
  ScimClientEntity,
  ModelDraftEntity,
  ModelVersionEntity,
  CaseEntity,
  TaskEntity,
  CaseEventEntity,
  EscalationEntity,
  NotificationEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
  IdempotencyKeyEntity,
  EmailSubscriptionEntity,
  EmailNotificationEntity,
  MigrationPlanEntity,
  MigrationRunEntity,
  MigrationCaseEntity,
];

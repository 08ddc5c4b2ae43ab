import { Identity1764200000000 } from './1764200000000-identity';
import { ReferenceModels1764250000000 } from './1764250000000-reference-models';
import { Cases1764260000000 } from './1764260000000-cases';
import { Escalations1764350000000 } from './1764350000000-escalations';
import { InboxDueIndex1764360000000 } from './1764360000000-inbox-due-index';
import { Notifications1764300000000 } from './1764300000000-notifications';
import { Kpis1764400000000 } from './1764400000000-kpis';
import { AuditLog1764450000000 } from './1764450000000-audit-log';
import { KpiTaskDaily1764500000000 } from './1764500000000-kpi-task-daily';
import { Outbox1764800000000 } from './1764800000000-outbox';
import { IdempotencyKeys1764810000000 } from './1764810000000-idempotency-keys';
import { IdempotencyAnswerText1764810000001 } from './1764810000001-idempotency-answer-text';
import { AuditReasonGiven1764830000000 } from './1764830000000-audit-reason-given';
import { WebhookStandards1764850000000 } from './1764850000000-webhook-standards';
import { EmailNotifications1764851000000 } from './1764851000000-email-notifications';
import { ChainScopedRoles1764840000000 } from './1764840000000-chain-scoped-roles';
import { ScimClients1764840000001 } from './1764840000001-scim-clients';
import { LoginFailures1764840000002 } from './1764840000002-login-failures';
import { Totp1764840000003 } from './1764840000003-totp';
import { OidcIdentities1764860000000 } from './1764860000000-oidc-identities';
import { SealedStoredSecrets1764860000001 } from './1764860000001-sealed-stored-secrets';
import { CaseNorm1764870000000 } from './1764870000000-case-norm';
import { CaseMigrations1764910000000 } from './1764910000000-case-migrations';
import { KpiRollup1764918000000 } from './1764918000000-kpi-rollup';

/** Listed explicitly (not globbed) so the same list works from TypeScript sources and compiled output. */
export const MIGRATIONS = [
  Identity1764200000000,
  ReferenceModels1764250000000,
  Cases1764260000000,
  Notifications1764300000000,
  Escalations1764350000000,
  InboxDueIndex1764360000000,
  Kpis1764400000000,
  AuditLog1764450000000,
  KpiTaskDaily1764500000000,
  Outbox1764800000000,
  IdempotencyKeys1764810000000,
  IdempotencyAnswerText1764810000001,
  AuditReasonGiven1764830000000,
  WebhookStandards1764850000000,
  EmailNotifications1764851000000,
  ChainScopedRoles1764840000000,
  ScimClients1764840000001,
  LoginFailures1764840000002,
  Totp1764840000003,
  OidcIdentities1764860000000,
  SealedStoredSecrets1764860000001,
  CaseNorm1764870000000,
  CaseMigrations1764910000000,
  KpiRollup1764918000000,
];

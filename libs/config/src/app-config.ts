import 'reflect-metadata';
import type { InputLimits } from '@schakel/contracts/input-limits';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  NotEquals,
  ValidateIf,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { oidcProviders } from './oidc-providers';
import { payloadCodecKeyring, storedSecretKeyring } from './keyrings';
import { VariableError } from './variable-error';

export const NODE_ENVIRONMENTS = ['development', 'test', 'production'] as const;
export type NodeEnvironment = (typeof NODE_ENVIRONMENTS)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Development-only signing secret; production refuses to start with it (see validation below). */
export const DEVELOPMENT_JWT_SECRET = 'schakel-development-secret-do-not-use-in-production';

const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every environment variable the platform reads, validated once at boot.
 * Property names are the variable names so an error message can name the variable.
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVIRONMENTS)
  NODE_ENV: NodeEnvironment = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/schakel';

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Key prefix for BullMQ, so several deployments (or test runs) can share one Redis. */
  @IsString()
  @MinLength(1)
  REDIS_PREFIX = 'schakel';

  /** host:port of the Temporal frontend. The launcher fills it in when it starts the embedded dev server. */
  @IsString()
  @Transform(emptyToUndefined)
  @IsOptional()
  TEMPORAL_ADDRESS?: string;

  /**
   * Workflows the worker keeps in memory between tasks. Bounded so memory stays flat with many
   * open cases; an evicted case is replayed from history when it next has work.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  TEMPORAL_MAX_CACHED_WORKFLOWS = 1000;

  /**
   * Extra non-working days by decree (Atw art. 3(3)), comma-separated ISO dates, e.g.
   * `2025-05-30,2030-05-31`. Cases started afterwards count them in working-day norms.
   */
  @IsString()
  @Matches(/^(\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2})*)?$/, {
    message: 'HOLIDAY_EXTRA_DAYS must be comma-separated dates like 2025-05-30,2030-05-31',
  })
  HOLIDAY_EXTRA_DAYS = '';

  /** A case workflow continues as new once its history holds this many events. */
  @Type(() => Number)
  @IsInt()
  @Min(20)
  CASE_HISTORY_LIMIT = 10_000;

  /** The embedded dev server (used when TEMPORAL_ADDRESS is unset): CLI path, ports and state file. */
  @IsString()
  @MinLength(1)
  TEMPORAL_CLI_PATH = '.tools/bin/temporal';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  TEMPORAL_DEV_PORT = 7233;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  TEMPORAL_UI_PORT = 8233;

  @IsString()
  @MinLength(1)
  TEMPORAL_DEV_DB_FILE = '.tools/temporal-dev.sqlite';

  @IsString()
  @MinLength(1)
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  @MinLength(1)
  TEMPORAL_TASK_QUEUE = 'schakel-cases';

  /**
   * How long the API waits for a case Update (validation, decision, projection) before it answers
   * 503 with Retry-After. A retry with the same Idempotency-Key is safe: Temporal runs it once.
   */
  @Type(() => Number)
  @IsInt()
  @Min(500)
  @Max(120_000)
  UPDATE_DEADLINE_MS = 15_000;

  /** On SIGTERM the worker lets running activities finish this long, then cancels them. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(300)
  WORKER_SHUTDOWN_GRACE_SECONDS = 10;

  /** The outbox relay: rows per transaction, and the poll interval when no NOTIFY arrives. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  OUTBOX_BATCH_SIZE = 100;

  @Type(() => Number)
  @IsInt()
  @Min(50)
  OUTBOX_POLL_MS = 1000;

  /**
   * How often a worker rolls the KPI facts and daily counts up (off the transitions' path): the
   * task-fact figures lag the handovers by about this much.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  KPI_ROLLUP_INTERVAL_MS = 2000;

  /** How often the reconciler compares every open case's workflow with its read-side rows. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RECONCILE_INTERVAL_SECONDS = 300;

  /** Port of the plain `/health` endpoint of the relay and reconciler processes (0: none). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  HEALTH_PORT = 0;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** HS256 secret for the tokens the platform signs itself at a local account's sign-in. */
  @IsString()
  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' && localAccountsOn(env))
  @MinLength(32)
  @NotEquals(DEVELOPMENT_JWT_SECRET, { message: 'must be set to your own secret in production' })
  AUTH_JWT_SECRET = DEVELOPMENT_JWT_SECRET;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  AUTH_TOKEN_TTL_SECONDS = 8 * 3600;

  /**
   * Whether password sign-in needs a TOTP code: `auto` (the default) requires it in production,
   * `true` always, `false` only for accounts that enrolled one.
   */
  @IsIn(['auto', 'true', 'false'])
  AUTH_LOCAL_TOTP_REQUIRED: 'auto' | 'true' | 'false' = 'auto';

  /** Wrong passwords for one username within the window before its sign-in is refused (429). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  /** Wrong passwords from one address within the window before its sign-ins are refused (429). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS = 50;

  /** The throttling window: failures older than this are forgotten, a lock lasts until its end. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_LOGIN_WINDOW_SECONDS = 900;

  /**
   * Password sign-in with local accounts: `auto` (the default) offers it unless identity providers
   * are configured, `true` next to them (partners without a provider of their own), `false` never.
   */
  @IsIn(['auto', 'true', 'false'])
  AUTH_LOCAL_ACCOUNTS: 'auto' | 'true' | 'false' = 'auto';

  /**
   * The identity providers (JSON or YAML list; see docs/identity.md), each with its claim mapping
   * and the organisations and chains it may grant; checked at boot by `oidcProviders`.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AUTH_OIDC_PROVIDERS?: string;

  /** Instead of AUTH_OIDC_PROVIDERS: a file holding the list, e.g. a mounted ConfigMap. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AUTH_OIDC_PROVIDERS_FILE?: string;

  /** Shorthand for one provider: bearer tokens are verified against this OIDC issuer's keys. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  AUTH_OIDC_ISSUER?: string;

  /** Defaults to the `jwks_uri` of the issuer's discovery document. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  AUTH_OIDC_JWKS_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AUTH_OIDC_AUDIENCE?: string;

  /** The console's client id at the issuer: the console offers sign-in through it. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AUTH_OIDC_CLIENT_ID?: string;

  /**
   * Just-in-time provisioning: the claim naming the person's organisation (they become its
   * caseworker). With this or AUTH_OIDC_ROLES_CLAIM set, a first sign-in creates the account and
   * later sign-ins update its roles; unset, OIDC users must exist already.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AUTH_OIDC_ORGANISATION_CLAIM?: string;

  /** The claim listing chain roles (e.g. `groups`), entries such as `regisseur:wmo-maatwerk`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AUTH_OIDC_ROLES_CLAIM?: string;

  /** Folder of reference-model files seeded as demo data (relative to the working directory). */
  @IsString()
  @MinLength(1)
  DEMO_MODELS_DIR = 'models';

  /** Fraction of a norm's term after which the early warning fires. */
  @Type(() => Number)
  @IsNumber()
  @Min(0.1)
  @Max(0.99)
  NORM_WARNING_FRACTION = 0.75;

  /** Webhook attempts per series before a delivery is marked failed (an admin can start a new series). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(25)
  WEBHOOK_MAX_ATTEMPTS = 8;

  /** Base delay of the exponential backoff between webhook attempts: base, 2×base, 4×base, … */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WEBHOOK_BACKOFF_BASE_MS = 30_000;

  /** How long one webhook request may take (connect, send, response) before it counts as failed. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 5_000;

  /** After a secret rotation, deliveries are also signed with the old secret for this many hours. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(24 * 30)
  WEBHOOK_SECRET_OVERLAP_HOURS = 24;

  /**
   * Hosts and CIDR ranges webhooks may reach although they are private (on-premise partner
   * systems), comma-separated, e.g. `crm.intern.example.nl,10.20.0.0/16`. Empty: public addresses only.
   */
  @IsString()
  @Matches(/^[^\s]*$/, { message: 'must be a comma-separated list without spaces' })
  WEBHOOK_ALLOWED_HOSTS = '';

  /** This installation's public base URL: the CloudEvents `source` of its webhooks starts with it. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL = 'http://127.0.0.1:3000';

  /**
   * The organisation identification number (OIN, 20 digits) of whoever runs this installation.
   * When set, webhooks' CloudEvents `source` is the URN the NL GOV profile recommends,
   * `urn:nld:oin:<OIN>:systeem:schakel:keten:<chain>`, instead of a URL below PUBLIC_BASE_URL.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\d{20}$/, { message: 'must be an OIN of 20 digits' })
  CLOUDEVENTS_SOURCE_OIN?: string;

  /** Where people open the console: links in webhooks and e-mails point below it. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  CONSOLE_BASE_URL = 'http://127.0.0.1:3000/app';

  /** SMTP server for e-mail notifications, e.g. `smtps://user:pass@mail.example.nl:465`; unset: no e-mail. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;

  /** Sender of notification e-mails. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Schakel <noreply@schakel.local>';

  /** When daily digests go out (cron, in EMAIL_DIGEST_TIMEZONE); default 07:00. */
  @IsString()
  @Matches(/^\S+( \S+){4,5}$/, { message: 'must be a cron pattern like "0 7 * * *"' })
  EMAIL_DIGEST_CRON = '0 7 * * *';

  @IsString()
  @MinLength(1)
  EMAIL_DIGEST_TIMEZONE = 'Europe/Amsterdam';

  /** KPI groups (a step, partner, reason, level…) with fewer cases than this are suppressed. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  KPI_MIN_GROUP_SIZE = 5;

  /** Longest string value inside case data (intake and completion `data`), in characters. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(1_000_000)
  INPUT_MAX_TEXT_LENGTH = 10_000;

  /** Largest case data object (intake or completion `data`) as JSON, in UTF-8 bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(1_048_576)
  INPUT_MAX_DATA_BYTES = 65_536;

  /** Deepest nesting of objects and arrays in a JSON body or in case data. */
  @Type(() => Number)
  @IsInt()
  @Min(4)
  @Max(64)
  INPUT_MAX_DEPTH = 16;

  /** Largest JSON or text request body in bytes (model documents have their own 1 MiB limit). */
  @Type(() => Number)
  @IsInt()
  @Min(65_536)
  @Max(52_428_800)
  HTTP_BODY_LIMIT_BYTES = 10_485_760;

  /** Longest period (days, `to` included) of a KPI per day. */
  @Type(() => Number)
  @IsInt()
  @Min(7)
  @Max(3660)
  KPI_MAX_DAYS_DAILY = 366;

  /** Longest period (days, `to` included) of any other KPI, weekly figures and event-log exports. */
  @Type(() => Number)
  @IsInt()
  @Min(366)
  @Max(36_600)
  KPI_MAX_DAYS = 3660;

  /** When set, GET /metrics wants `Authorization: Bearer <this>`; unset, it is open (aggregates only). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /**
   * Keys that encrypt Temporal payloads, `id:base64key` comma-separated (32-byte keys:
   * `openssl rand -base64 32`). Required in production, here or in PAYLOAD_CODEC_KEYS_FILE.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  PAYLOAD_CODEC_KEYS?: string;

  /** A file with the same `id:base64key` entries, one per line; for mounted secrets. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  PAYLOAD_CODEC_KEYS_FILE?: string;

  /** The key id new payloads are encrypted with; may be left out when only one key is configured. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  PAYLOAD_CODEC_PRIMARY_KEY_ID?: string;

  /**
   * Keys that seal the secrets stored in PostgreSQL (webhook signing secrets, TOTP secrets),
   * `id:base64key` comma-separated like PAYLOAD_CODEC_KEYS. Required in production, here or in
   * STORED_SECRET_KEYS_FILE.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  STORED_SECRET_KEYS?: string;

  /** A file with the same `id:base64key` entries, one per line; for mounted secrets. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  STORED_SECRET_KEYS_FILE?: string;

  /** The key id new secrets are sealed with; may be left out when only one key is configured. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  STORED_SECRET_PRIMARY_KEY_ID?: string;

  /**
   * Origin of the Temporal UI (e.g. `https://temporal.example.nl`) allowed to call the codec endpoint
   * from the browser; unset, the endpoint answers no cross-origin request (the CLI needs none).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  TEMPORAL_UI_ORIGIN?: string;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

function describe(error: ValidationError, env: Record<string, string | undefined>): string {
  const reasons = Object.values(error.constraints ?? {}).join('; ');
  return `${error.property}: ${reasons} (got ${JSON.stringify(env[error.property] ?? null)})`;
}

/** Parses and validates the environment; throws naming every offending variable. */
export function validateEnvironment(env: Record<string, string | undefined>): EnvironmentVariables {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
  const config = plainToInstance(EnvironmentVariables, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0)
    throw new ConfigValidationError(errors.map((error) => describe(error, env)));
  try {
    payloadCodecKeyring(config);
    storedSecretKeyring(config);
    oidcProviders(config);
  } catch (error) {
    if (error instanceof VariableError) {
      throw new ConfigValidationError([error.message]);
    }
    throw error;
  }
  return config;
}

/** Whether password sign-in with local accounts is offered (AUTH_LOCAL_ACCOUNTS). */
export function localAccountsOn(
  env: Pick<
    EnvironmentVariables,
    'AUTH_LOCAL_ACCOUNTS' | 'AUTH_OIDC_ISSUER' | 'AUTH_OIDC_PROVIDERS' | 'AUTH_OIDC_PROVIDERS_FILE'
  >,
): boolean {
  if (env.AUTH_LOCAL_ACCOUNTS !== 'auto') return env.AUTH_LOCAL_ACCOUNTS === 'true';
  return !env.AUTH_OIDC_ISSUER && !env.AUTH_OIDC_PROVIDERS && !env.AUTH_OIDC_PROVIDERS_FILE;
}

/** For process entry points: a bad environment stops the process with a message naming the variable. */
export function environmentOrExit(): EnvironmentVariables {
  try {
    return validateEnvironment(process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(78); // EX_CONFIG
  }
}

/** HOLIDAY_EXTRA_DAYS grouped by year, as the working-day calendar takes them. */
export function extraHolidays(env: EnvironmentVariables): Record<number, string[]> {
  const byYear: Record<number, string[]> = {};
  for (const date of env.HOLIDAY_EXTRA_DAYS.split(',').filter(Boolean)) {
    const year = Number(date.slice(0, 4));
    byYear[year] = [...(byYear[year] ?? []), date];
  }
  return byYear;
}

/** The input limits of the environment, in the shape the shared checks take. */
export function inputLimits(env: EnvironmentVariables): InputLimits {
  return {
    maxTextLength: env.INPUT_MAX_TEXT_LENGTH,
    maxDataBytes: env.INPUT_MAX_DATA_BYTES,
    maxDepth: env.INPUT_MAX_DEPTH,
  };
}

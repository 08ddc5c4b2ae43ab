import 'reflect-metadata';
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

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** HS256 secret for tokens the platform signs itself (when no OIDC issuer is configured). */
  @IsString()
  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' && !env.AUTH_OIDC_ISSUER)
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

  /** When set, bearer tokens are verified against this OIDC issuer's JWKS instead of the platform's secret. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  AUTH_OIDC_ISSUER?: string;

  /** Defaults to `<issuer>/.well-known/jwks.json` when the issuer is set. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  AUTH_OIDC_JWKS_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AUTH_OIDC_AUDIENCE?: string;

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

  /** KPI groups (a step, partner, reason, level…) with fewer cases than this are suppressed. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  KPI_MIN_GROUP_SIZE = 5;

  /** When set, GET /metrics wants `Authorization: Bearer <this>`; unset, it is open (aggregates only). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;
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
  return config;
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

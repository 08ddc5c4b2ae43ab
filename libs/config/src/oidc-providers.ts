import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MinLength,
  validateSync,
  ValidateNested,
  type ValidationError,
} from 'class-validator';
import { parse } from 'yaml';
import { readVariableFile, VariableError } from './variable-error';

/**
 * The identity providers whose tokens the API accepts, each with its claim mapping and what it
 * may grant: a list in AUTH_OIDC_PROVIDERS (or the file AUTH_OIDC_PROVIDERS_FILE), or a single
 * provider from the AUTH_OIDC_ISSUER shorthand.
 */
export interface OidcProvider {
  /** Stable id: the console's sign-in button and the accounts it created refer to it. */
  id: string;
  /** Shown on the console's sign-in button. */
  name: string;
  issuer: string;
  /** The key set; unset: the `jwks_uri` of the issuer's discovery document. */
  jwksUrl?: string;
  /** Expected `aud`; unset only in the shorthand (as before). */
  audience?: string;
  /** The console's client id at this provider; unset: the console offers no button for it. */
  clientId?: string;
  scope: string;
  /** The claim holding the username (falls back to `email`). */
  usernameClaim: string;
  organisationClaim?: string;
  rolesClaim?: string;
  /** Values of the roles claim (e.g. group names) mapped to grants; unset: `role:chainId` entries. */
  roleMapping?: Readonly<Record<string, readonly GrantEntry[]>>;
  /** Organisations it may make people caseworkers of; `*` every one. */
  organisations: readonly string[] | '*';
  /** Chains it may grant chain roles in; unset: those its organisations are partners in. */
  chains?: readonly string[] | '*';
  /** Whether its mapping may grant `admin` (of a chain, or platform admin without a chain). */
  mayGrantAdmin: boolean;
}

/** A grant as configuration and claims write it: `role` or `role:scope` (organisation or chain). */
export interface GrantEntry {
  role: 'caseworker' | 'regisseur' | 'operations' | 'model-owner' | 'admin';
  scope: string | null;
}

export interface OidcProviderSettings {
  AUTH_OIDC_PROVIDERS?: string;
  AUTH_OIDC_PROVIDERS_FILE?: string;
  AUTH_OIDC_ISSUER?: string;
  AUTH_OIDC_JWKS_URL?: string;
  AUTH_OIDC_AUDIENCE?: string;
  AUTH_OIDC_CLIENT_ID?: string;
  AUTH_OIDC_ORGANISATION_CLAIM?: string;
  AUTH_OIDC_ROLES_CLAIM?: string;
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const SCOPE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const ROLES = ['caseworker', 'regisseur', 'operations', 'model-owner', 'admin'] as const;
const DEFAULT_SCOPE = 'openid profile email';
const EVERY = '*';

/**
 * `regisseur:wmo-maatwerk`, `caseworker:wijkteam`, `admin` (every chain): null when the text is not
 * a grant; a caseworker needs an organisation, other roles take a chain or none.
 */
export function parseGrantEntry(text: string): GrantEntry | null {
  const [role, scope, rest] = text.split(':');
  if (rest !== undefined || !(ROLES as readonly string[]).includes(role)) return null;
  if (scope !== undefined && !SCOPE.test(scope)) return null;
  if (role === 'caseworker' && scope === undefined) return null;
  return { role: role as GrantEntry['role'], scope: scope ?? null };
}

class ProviderEntry {
  @Matches(ID, { message: 'id must be lower-case letters, digits and dashes' })
  id!: string;

  @IsString()
  @MinLength(1)
  name!: string;

  @IsUrl({ require_tld: false, require_protocol: true })
  issuer!: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  jwksUrl?: string;

  @IsString()
  @MinLength(1)
  audience!: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  clientId?: string;

  @IsOptional()
  @Matches(/(^|\s)openid(\s|$)/, { message: 'scope must include openid' })
  scope?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  usernameClaim?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  organisationClaim?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  rolesClaim?: string;

  @IsOptional()
  @IsObject()
  roleMapping?: Record<string, unknown>;

  @IsArray()
  @ArrayNotEmpty()
  @Matches(/^(\*|[a-z0-9][a-z0-9-]{0,63})$/, {
    each: true,
    message: 'organisations must be organisation ids, or ["*"] for every organisation',
  })
  organisations!: string[];

  @IsOptional()
  @IsArray()
  @Matches(/^(\*|[a-z0-9][a-z0-9-]{0,63})$/, {
    each: true,
    message: 'chains must be chain ids, or ["*"] for every chain',
  })
  chains?: string[];

  @IsOptional()
  @IsBoolean()
  mayGrantAdmin?: boolean;
}

class ProviderList {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ProviderEntry)
  providers!: ProviderEntry[];
}

function firstProblem(errors: ValidationError[], path: string): string | undefined {
  for (const error of errors) {
    const at = /^\d+$/.test(error.property)
      ? `${path}[${error.property}]`
      : `${path}.${error.property}`;
    const reason = Object.values(error.constraints ?? {})[0];
    if (reason) return `${at}: ${reason}`;
    const nested = firstProblem(error.children ?? [], at);
    if (nested) return nested;
  }
  return undefined;
}

const everyOrList = (values: readonly string[]): readonly string[] | '*' =>
  values.includes(EVERY) ? EVERY : values;

function roleMappingOf(
  entry: ProviderEntry,
  at: string,
  variable: string,
): Record<string, GrantEntry[]> | undefined {
  if (!entry.roleMapping) return undefined;
  const mapping: Record<string, GrantEntry[]> = {};
  for (const [value, grants] of Object.entries(entry.roleMapping)) {
    const texts = Array.isArray(grants) ? grants : [grants];
    mapping[value] = texts.map((text) => {
      const grant = typeof text === 'string' ? parseGrantEntry(text) : null;
      if (!grant) {
        throw new VariableError(
          variable,
          `${at}.roleMapping["${value}"]: ${JSON.stringify(text)} is not a grant such as "regisseur:wmo-maatwerk" or "caseworker:wijkteam"`,
        );
      }
      if (grant.role === 'admin' && !entry.mayGrantAdmin) {
        throw new VariableError(
          variable,
          `${at}.roleMapping["${value}"]: grants admin, which needs "mayGrantAdmin": true`,
        );
      }
      return grant;
    });
  }
  return mapping;
}

function fromList(text: string, variable: string): OidcProvider[] {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new VariableError(variable, `is not JSON or YAML (${(error as Error).message})`);
  }
  const list = plainToInstance(ProviderList, { providers: raw });
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new VariableError(variable, 'must be a non-empty list of providers');
  }
  const problem = firstProblem(validateSync(list)[0]?.children ?? [], '');
  if (problem) throw new VariableError(variable, problem);
  const providers = list.providers.map((entry, index): OidcProvider => ({
    id: entry.id,
    name: entry.name,
    issuer: entry.issuer,
    jwksUrl: entry.jwksUrl,
    audience: entry.audience,
    clientId: entry.clientId,
    scope: entry.scope ?? DEFAULT_SCOPE,
    usernameClaim: entry.usernameClaim ?? 'preferred_username',
    organisationClaim: entry.organisationClaim,
    rolesClaim: entry.rolesClaim,
    roleMapping: roleMappingOf(entry, `[${index}]`, variable),
    organisations: everyOrList(entry.organisations),
    chains: entry.chains && everyOrList(entry.chains),
    mayGrantAdmin: entry.mayGrantAdmin ?? false,
  }));
  for (const key of ['id', 'issuer'] as const) {
    const seen = new Set<string>();
    for (const provider of providers) {
      if (seen.has(provider[key])) {
        throw new VariableError(variable, `${key} '${provider[key]}' appears twice`);
      }
      seen.add(provider[key]);
    }
  }
  return providers;
}

/**
 * AUTH_OIDC_ISSUER and its companions, as before the list: any organisation and chain (one
 * regional provider that every partner trusts), never admin.
 */
function fromShorthand(settings: OidcProviderSettings, issuer: string): OidcProvider {
  return {
    id: 'oidc',
    name: new URL(issuer).host,
    issuer,
    jwksUrl: settings.AUTH_OIDC_JWKS_URL,
    audience: settings.AUTH_OIDC_AUDIENCE,
    clientId: settings.AUTH_OIDC_CLIENT_ID,
    scope: DEFAULT_SCOPE,
    usernameClaim: 'preferred_username',
    organisationClaim: settings.AUTH_OIDC_ORGANISATION_CLAIM,
    rolesClaim: settings.AUTH_OIDC_ROLES_CLAIM,
    organisations: EVERY,
    chains: EVERY,
    mayGrantAdmin: false,
  };
}

/** The configured providers (none: OIDC is off); throws naming the variable when one is wrong. */
export function oidcProviders(settings: OidcProviderSettings): OidcProvider[] {
  const { AUTH_OIDC_PROVIDERS: inline, AUTH_OIDC_PROVIDERS_FILE: file } = settings;
  const listed = inline ?? file;
  if (inline && file) {
    throw new VariableError(
      'AUTH_OIDC_PROVIDERS_FILE',
      'set either AUTH_OIDC_PROVIDERS or AUTH_OIDC_PROVIDERS_FILE, not both',
    );
  }
  if (listed && settings.AUTH_OIDC_ISSUER) {
    throw new VariableError(
      'AUTH_OIDC_ISSUER',
      'set either the single-provider AUTH_OIDC_* variables or a list of providers, not both',
    );
  }
  if (inline) return fromList(inline, 'AUTH_OIDC_PROVIDERS');
  if (file)
    return fromList(readVariableFile('AUTH_OIDC_PROVIDERS_FILE', file), 'AUTH_OIDC_PROVIDERS_FILE');
  return settings.AUTH_OIDC_ISSUER ? [fromShorthand(settings, settings.AUTH_OIDC_ISSUER)] : [];
}

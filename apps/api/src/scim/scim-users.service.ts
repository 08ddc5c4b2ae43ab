import { Injectable } from '@nestjs/common';
import {
  OrganisationRepository,
  UserRepository,
  type Grant,
  type ProvisioningScope,
  type RoleGrantEntity,
  type UserEntity,
} from '@schakel/database';
import { hashPassword } from '@schakel/identity';
import { PASSWORD_MAX, PASSWORD_MIN } from '../admin/admin.dto';
import { PeopleService } from '../admin/people.service';
import { callerName, type ScimCaller } from './scim-caller';
import { invalidValue, ScimError } from './scim-error';
import type { UserFilter } from './scim-filter';
import { applyPatch, type ScimUserDocument } from './scim-patch';
import {
  CORE_USER_SCHEMA,
  listResponse,
  MAX_RESULTS,
  SCHAKEL_USER_EXTENSION,
  SCIM_CHAIN_ROLES,
  type ProvisioningChoices,
} from './scim-schemas';

/** The roles SCIM manages; an `admin` grant given through the admin API is left alone. */
const MANAGED_ROLES = ['caseworker', ...SCIM_CHAIN_ROLES] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ProvisionedUser {
  userName: string;
  /** Null: unassigned (the username is shown). */
  displayName: string | null;
  /** Null: unassigned, which counts as active. */
  active: boolean | null;
  externalId: string | null;
  password?: string;
  grants: Grant[];
}

/**
 * SCIM Users over the people and their grants. A client sees and manages the people it
 * provisioned and the caseworkers of its organisations, and grants chain roles only in chains
 * those organisations are partners in; a platform admin manages everyone.
 */
@Injectable()
export class ScimUsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly people: PeopleService,
  ) {}

  /** What the caller may fill in: its organisations and their chains (a platform admin: all). */
  async choices(caller: ScimCaller): Promise<ProvisioningChoices> {
    const organisationIds =
      caller.kind === 'client'
        ? [...caller.client.organisationIds].sort()
        : (await this.organisations.findAll()).map((organisation) => organisation.id).sort();
    const chainIds = await this.organisations.chainsOfAny(
      caller.kind === 'client' ? organisationIds : null,
    );
    return { organisationIds, chainIds };
  }

  async list(
    caller: ScimCaller,
    filter: UserFilter | undefined,
    startIndex: number,
    count: number,
    base: string,
  ) {
    const [rows, total] = await this.users.provisioned(scopeOf(caller), {
      userName: filter?.userName,
      limit: Math.min(Math.max(count, 0), MAX_RESULTS),
      offset: Math.max(startIndex, 1) - 1,
    });
    const resources = count <= 0 ? [] : await this.documents(rows, base);
    return listResponse(resources, total, Math.max(startIndex, 1));
  }

  async get(caller: ScimCaller, id: string, base: string): Promise<ScimUserDocument> {
    return (await this.documents([await this.user(caller, id)], base))[0];
  }

  async create(caller: ScimCaller, body: unknown, base: string): Promise<ScimUserDocument> {
    const input = readUser(body, caller, await this.choices(caller));
    const created = await this.users.create(
      {
        username: input.userName,
        displayName: input.displayName,
        externalId: input.externalId,
        activeStated: input.active !== null,
        passwordHash: input.password ? await hashPassword(input.password) : null,
        scimClientId: caller.kind === 'client' ? caller.client.id : null,
      },
      input.grants,
      grantor(caller),
    );
    if (!created) throw taken(input.userName);
    if (input.active === false) await this.setActive(caller, created, false);
    return this.get(caller, created.id, base);
  }

  async replace(caller: ScimCaller, id: string, body: unknown, base: string) {
    const existing = await this.user(caller, id);
    await this.store(caller, existing, readUser(body, caller, await this.choices(caller)));
    return this.get(caller, id, base);
  }

  async patch(caller: ScimCaller, id: string, body: unknown, base: string) {
    const existing = await this.user(caller, id);
    const [current] = await this.documents([existing], base);
    const patched = applyPatch(current, body);
    await this.store(caller, existing, readUser(patched, caller, await this.choices(caller)));
    return this.get(caller, id, base);
  }

  /** DELETE deactivates for good: sessions end, tasks go back, and SCIM answers 404 from now on. */
  async remove(caller: ScimCaller, id: string): Promise<void> {
    const existing = await this.user(caller, id);
    await this.setActive(caller, existing, false);
    await this.users.markDeleted(existing.id);
  }

  private async store(caller: ScimCaller, existing: UserEntity, input: ProvisionedUser) {
    const updated = await this.users.update(existing.id, {
      username: input.userName,
      displayName: input.displayName,
      externalId: input.externalId,
      activeStated: input.active !== null,
      ...(input.password ? { passwordHash: await hashPassword(input.password) } : {}),
    });
    if (!updated) throw taken(input.userName);
    await this.users.replaceGrants(existing.id, MANAGED_ROLES, input.grants, grantor(caller));
    const active = input.active ?? true;
    if (active !== existing.active) await this.setActive(caller, existing, active);
  }

  private async setActive(caller: ScimCaller, user: UserEntity, active: boolean): Promise<void> {
    if (active) {
      await this.users.reactivate(user.id);
    } else {
      await this.users.deactivate(user.id);
      await this.people.releaseTasks(user.id, callerName(caller));
    }
  }

  /** The person, if this caller may see them; 404 (as RFC 7644 wants) for anyone else. */
  private async user(caller: ScimCaller, id: string): Promise<UserEntity> {
    const [[found]] = UUID.test(id)
      ? await this.users.provisioned(scopeOf(caller), { id, limit: 1, offset: 0 })
      : [[]];
    if (!found) throw new ScimError(404, `User ${id} not found`);
    return found;
  }

  private async documents(rows: UserEntity[], base: string): Promise<ScimUserDocument[]> {
    const grants = await this.users.grantsOfUsers(rows.map((row) => row.id));
    return rows.map((row) =>
      document(
        row,
        grants.filter((grant) => grant.userId === row.id),
        base,
      ),
    );
  }
}

const scopeOf = (caller: ScimCaller): ProvisioningScope =>
  caller.kind === 'client'
    ? { clientId: caller.client.id, organisationIds: caller.client.organisationIds }
    : null;

const grantor = (caller: ScimCaller): string | null =>
  caller.kind === 'admin' ? caller.user.id : null;

const taken = (userName: string) =>
  new ScimError(409, `The userName '${userName}' is taken`, 'uniqueness');

function document(row: UserEntity, grants: RoleGrantEntity[], base: string): ScimUserDocument {
  const roles = grants
    .filter((grant) => (SCIM_CHAIN_ROLES as readonly string[]).includes(grant.role))
    .map((grant) => ({ role: grant.role, ...(grant.chainId ? { chainId: grant.chainId } : {}) }))
    .sort((a, b) => `${a.role} ${a.chainId ?? ''}`.localeCompare(`${b.role} ${b.chainId ?? ''}`));
  const extension = {
    ...(row.organisationId ? { organisationId: row.organisationId } : {}),
    ...(roles.length ? { roles } : {}),
  };
  return {
    schemas: [CORE_USER_SCHEMA, SCHAKEL_USER_EXTENSION],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    userName: row.username,
    ...(row.displayName !== null ? { displayName: row.displayName } : {}),
    ...(!row.active || row.activeStated ? { active: row.active } : {}),
    ...(Object.keys(extension).length ? { [SCHAKEL_USER_EXTENSION]: extension } : {}),
    meta: {
      resourceType: 'User',
      created: row.createdAt.toISOString(),
      lastModified: row.createdAt.toISOString(),
      location: `${base}/Users/${row.id}`,
    },
  };
}

const optionalString = (value: unknown, name: string, max = 200): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) {
    throw invalidValue(`${name} must be a string of at most ${max} characters`);
  }
  return value;
};

function readActive(value: unknown): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
    return value.toLowerCase() === 'true';
  }
  throw invalidValue('active must be a boolean');
}

/** A User from a SCIM body (create, replace, or the result of a PATCH), checked against what the caller may grant. */
function readUser(
  body: unknown,
  caller: ScimCaller,
  choices: ProvisioningChoices,
): ProvisionedUser {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ScimError(400, 'The body must be a SCIM User object', 'invalidSyntax');
  }
  const source = body as Record<string, unknown>;
  const userName = optionalString(source.userName, 'userName');
  if (!userName?.trim()) throw invalidValue('userName is required');
  const password = optionalString(source.password, 'password', PASSWORD_MAX);
  if (password !== undefined && password.length < PASSWORD_MIN) {
    throw invalidValue(`password must be at least ${PASSWORD_MIN} characters`);
  }
  const extension = (source[SCHAKEL_USER_EXTENSION] ?? {}) as Record<string, unknown>;
  if (typeof extension !== 'object' || extension === null) {
    throw invalidValue(`${SCHAKEL_USER_EXTENSION} must be an object`);
  }
  const organisationId = optionalString(extension.organisationId, 'organisationId', 64);
  if (organisationId !== undefined && !choices.organisationIds.includes(organisationId)) {
    throw invalidValue(
      `organisationId '${organisationId}' is not an organisation you may provision`,
    );
  }
  const grants: Grant[] = organisationId
    ? [{ role: 'caseworker', organisationId, chainId: null }]
    : [];
  for (const entry of readRoles(extension.roles)) {
    if (entry.role === 'caseworker') {
      if (!organisationId) throw invalidValue('the caseworker role needs an organisationId');
      continue;
    }
    if (caller.kind === 'client' && !(entry.chainId && choices.chainIds.includes(entry.chainId))) {
      throw invalidValue(
        `roles: ${entry.role} needs a chainId among the chains of your organisations (${choices.chainIds.join(', ')})`,
      );
    }
    grants.push({ role: entry.role, organisationId: null, chainId: entry.chainId ?? null });
  }
  return {
    userName,
    displayName: optionalString(source.displayName, 'displayName') ?? null,
    active: readActive(source.active),
    externalId: optionalString(source.externalId, 'externalId') ?? null,
    password,
    grants,
  };
}

function readRoles(value: unknown): { role: Grant['role']; chainId?: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidValue('roles must be a list');
  return value.map((entry: unknown) => {
    const { role, chainId } = (entry ?? {}) as { role?: unknown; chainId?: unknown };
    if (role !== 'caseworker' && !(SCIM_CHAIN_ROLES as readonly unknown[]).includes(role)) {
      throw invalidValue(`roles: role must be one of caseworker, ${SCIM_CHAIN_ROLES.join(', ')}`);
    }
    const chain = optionalString(chainId, 'roles.chainId', 64);
    if (chain !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(chain)) {
      throw invalidValue('roles: chainId must be a chain id such as wmo-maatwerk');
    }
    return { role: role as Grant['role'], ...(chain ? { chainId: chain } : {}) };
  });
}

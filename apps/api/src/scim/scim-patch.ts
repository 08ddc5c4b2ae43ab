import { ScimError } from './scim-error';
import { CORE_USER_SCHEMA, SCHAKEL_USER_EXTENSION } from './scim-schemas';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A user as SCIM shows it: core attributes at the top, ours under the extension's URN. */
export type ScimUserDocument = Record<string, unknown>;

const CORE_ATTRIBUTES = ['userName', 'displayName', 'active', 'externalId', 'password'];
const EXTENSION_ATTRIBUTES = ['organisationId', 'roles'];
const MULTI_VALUED = new Set(['roles']);

interface Target {
  extension: boolean;
  /** Null: the extension object as a whole. */
  attribute: string | null;
}

const canonical = (name: string, known: string[]): string | undefined =>
  known.find((candidate) => candidate.toLowerCase() === name.toLowerCase());

/** `userName`, `urn:…:core:2.0:User:userName` or `urn:schakel:…:User:roles`; no sub-attributes or filters. */
function target(path: string): Target {
  const lower = path.toLowerCase();
  if (lower === SCHAKEL_USER_EXTENSION.toLowerCase()) return { extension: true, attribute: null };
  const extensionPrefix = `${SCHAKEL_USER_EXTENSION.toLowerCase()}:`;
  const corePrefix = `${CORE_USER_SCHEMA.toLowerCase()}:`;
  const extension = lower.startsWith(extensionPrefix);
  const name = extension
    ? path.slice(extensionPrefix.length)
    : lower.startsWith(corePrefix)
      ? path.slice(corePrefix.length)
      : path;
  const attribute = canonical(name, extension ? EXTENSION_ATTRIBUTES : CORE_ATTRIBUTES);
  if (!attribute) {
    throw new ScimError(
      400,
      `The path '${path}' names no attribute this server keeps`,
      'invalidPath',
    );
  }
  return { extension, attribute };
}

function container(resource: ScimUserDocument, extension: boolean): Record<string, unknown> {
  if (!extension) return resource;
  const existing = resource[SCHAKEL_USER_EXTENSION];
  const object = typeof existing === 'object' && existing !== null ? existing : {};
  resource[SCHAKEL_USER_EXTENSION] = object;
  return object as Record<string, unknown>;
}

function set(resource: ScimUserDocument, where: Target, value: unknown, op: 'add' | 'replace') {
  if (where.attribute === null) {
    setAll(resource, { [SCHAKEL_USER_EXTENSION]: value }, op);
    return;
  }
  const into = container(resource, where.extension);
  if (op === 'add' && MULTI_VALUED.has(where.attribute)) {
    const current = Array.isArray(into[where.attribute])
      ? (into[where.attribute] as unknown[])
      : [];
    into[where.attribute] = [...current, ...(Array.isArray(value) ? value : [value])];
  } else {
    into[where.attribute] = value;
  }
}

/** A value without a path: its keys are attributes, the extension's URN holds ours. */
function setAll(resource: ScimUserDocument, value: unknown, op: 'add' | 'replace'): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScimError(400, 'An operation without a path needs an object value', 'invalidSyntax');
  }
  for (const [key, inner] of Object.entries(value)) {
    if (key.toLowerCase() === SCHAKEL_USER_EXTENSION.toLowerCase()) {
      if (typeof inner !== 'object' || inner === null) {
        throw new ScimError(400, `${SCHAKEL_USER_EXTENSION} must be an object`, 'invalidSyntax');
      }
      for (const [name, extensionValue] of Object.entries(inner)) {
        if (name === 'schemas') continue;
        set(resource, target(`${SCHAKEL_USER_EXTENSION}:${name}`), extensionValue, op);
      }
    } else if (key !== 'schemas') {
      set(resource, target(key), inner, op);
    }
  }
}

/**
 * Applies an RFC 7644 §3.5.2 PatchOp to the user's document (add, replace, remove; operation
 * names in any case, as Entra ID sends them); the result is then checked like a replace.
 */
export function applyPatch(resource: ScimUserDocument, body: unknown): ScimUserDocument {
  const operations = (body as { Operations?: unknown } | null)?.Operations;
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new ScimError(400, 'A PatchOp needs a non-empty Operations list', 'invalidSyntax');
  }
  const result: ScimUserDocument = structuredClone(resource);
  for (const operation of operations as { op?: unknown; path?: unknown; value?: unknown }[]) {
    const op = typeof operation?.op === 'string' ? operation.op.toLowerCase() : '';
    const path =
      typeof operation.path === 'string' && operation.path !== '' ? operation.path : undefined;
    if (op === 'add' || op === 'replace') {
      if (path) set(result, target(path), operation.value, op);
      else setAll(result, operation.value, op);
    } else if (op === 'remove') {
      if (!path) throw new ScimError(400, 'A remove operation needs a path', 'noTarget');
      const where = target(path);
      if (where.attribute === 'userName') {
        throw new ScimError(400, 'userName is required and cannot be removed', 'mutability');
      }
      if (where.attribute === null) delete result[SCHAKEL_USER_EXTENSION];
      else delete container(result, where.extension)[where.attribute];
    } else {
      throw new ScimError(
        400,
        `Unknown PATCH operation '${String(operation?.op)}'`,
        'invalidSyntax',
      );
    }
  }
  return result;
}

import { CORE_USER_SCHEMA, SCHAKEL_USER_EXTENSION } from './scim-schemas';
import type { ScimUserDocument } from './scim-patch';

/** Returned whatever `attributes` or `excludedAttributes` say (RFC 7643 §7 `returned: always`). */
const ALWAYS = new Set(['schemas', 'id']);

interface Name {
  top: string;
  inner?: string;
}

/** `displayName`, `urn:…:core:2.0:User:displayName`, `urn:schakel:…:User:roles`, `name.givenName`. */
function parseName(raw: string): Name {
  const lower = raw.trim().toLowerCase();
  const extension = SCHAKEL_USER_EXTENSION.toLowerCase();
  if (lower === extension) return { top: extension };
  if (lower.startsWith(`${extension}:`)) {
    return { top: extension, inner: lower.slice(extension.length + 1).split('.')[0] };
  }
  const core = `${CORE_USER_SCHEMA.toLowerCase()}:`;
  const name = lower.startsWith(core) ? lower.slice(core.length) : lower;
  return { top: name.split('.')[0] };
}

const names = (list: string | undefined): Name[] =>
  (list ?? '')
    .split(',')
    .filter((name) => name.trim() !== '')
    .map(parseName);

/** Applies `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5) to a resource's top-level and extension attributes. */
export function project(
  resource: ScimUserDocument,
  attributes: string | undefined,
  excludedAttributes: string | undefined,
): ScimUserDocument {
  const included = names(attributes);
  const excluded = names(excludedAttributes);
  const result: ScimUserDocument = {};
  for (const [key, value] of Object.entries(resource)) {
    const lower = key.toLowerCase();
    const asked = included.filter((name) => name.top === lower);
    if (ALWAYS.has(key)) {
      result[key] = value;
    } else if (included.length > 0) {
      if (asked.length === 0) continue;
      result[key] = asked.some((name) => !name.inner) ? value : pick(value, asked, true);
    } else {
      const dropped = excluded.filter((name) => name.top === lower);
      if (dropped.some((name) => !name.inner)) continue;
      result[key] = dropped.length ? pick(value, dropped, false) : value;
    }
  }
  return result;
}

/** Keeps (or drops) the named keys of an extension object. */
function pick(value: unknown, which: Name[], keep: boolean): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const inner = new Set(which.map((name) => name.inner));
  return Object.fromEntries(
    Object.entries(value).filter(([key]) => inner.has(key.toLowerCase()) === keep),
  );
}

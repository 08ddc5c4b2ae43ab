import { ScimError } from './scim-error';

/** The one filter identity providers send to find a person before creating them. */
export interface UserFilter {
  userName: string;
}

const USER_NAME_EQ = /^\s*userName\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

/**
 * Parses `filter=userName eq "…"` (RFC 7644 §3.4.2.2), the filter SCIM clients use to look a
 * person up; any other filter is refused with `invalidFilter`.
 */
export function parseUserFilter(filter: string | undefined): UserFilter | undefined {
  if (filter === undefined || filter.trim() === '') return undefined;
  const match = USER_NAME_EQ.exec(filter);
  if (!match) {
    throw new ScimError(400, 'Only the filter userName eq "…" is supported', 'invalidFilter');
  }
  return { userName: match[1].replace(/\\(.)/g, '$1') };
}

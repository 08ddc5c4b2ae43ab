import { ApiError } from '../../api/api-error';

/** The form field an API field names: `grants[0].organisationId` and `grants.0.role` are `grants`. */
export function formFieldOf(apiField: string): string {
  return apiField.split(/[.[]/)[0] ?? apiField;
}

/**
 * The API's objections per form field (the first one each), for the fields the form has; a 409 on a
 * create is the id the form asked for (`conflictField`).
 */
export function formProblems(
  error: unknown,
  fields: string[],
  conflictField?: string,
): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const found: Record<string, string> = {};
  for (const problem of error.fieldProblems) {
    const field = formFieldOf(problem.field);
    if (fields.includes(field) && !(field in found)) found[field] = problem.message;
  }
  if (error.kind === 'conflict' && conflictField) found[conflictField] = error.serverMessage;
  return found;
}

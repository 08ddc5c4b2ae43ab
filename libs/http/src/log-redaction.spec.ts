import { ApplicationFailure } from '@temporalio/common';
import { QueryFailedError } from 'typeorm';
import { redactUrl, safeError, safeLogMeta, safeRequest, safeResponse } from './log-redaction';

const MARKER = 'Marker-J-de-Vries';

/** What pg hands TypeORM for a jsonb value PostgreSQL refuses: the value in message, detail, where. */
function pgError(): Error {
  return Object.assign(new Error(`invalid input syntax for type uuid: "${MARKER}"`), {
    name: 'error',
    code: '22P02',
    severity: 'ERROR',
    detail: `Key (name)=(${MARKER}) already exists.`,
    where: `JSON data, line 1: {"client-name": "${MARKER}`,
    hint: MARKER,
    table: 'cases',
    constraint: 'cases_pkey',
    column: 'data',
    routine: 'string_to_uuid',
  });
}

describe('log redaction', () => {
  it('keeps parameter names of a query string, never the values', () => {
    expect(redactUrl(`/cases?search=${MARKER}&view=mine&view=all`)).toBe('/cases?search&view');
    expect(redactUrl('/cases/42/timeline')).toBe('/cases/42/timeline');
    expect(redactUrl(undefined)).toBeUndefined();
  });

  it('logs a failed query by code, table and constraint, without SQL, parameters or values', () => {
    const error = new QueryFailedError(
      'INSERT INTO "cases" ("data") VALUES ($1)',
      [{ 'client-name': MARKER }],
      pgError(),
    );
    const safe = safeError(error);
    expect(safe).toEqual(
      expect.objectContaining({
        type: 'QueryFailedError',
        code: '22P02',
        table: 'cases',
        constraint: 'cases_pkey',
        column: 'data',
        routine: 'string_to_uuid',
        message: 'invalid input syntax for type uuid: "[redacted]"',
      }),
    );
    expect(JSON.stringify(safe)).not.toContain(MARKER);
    expect(JSON.stringify(safe)).not.toContain('INSERT');
  });

  it('redacts a database error that reached the API as a Temporal failure cause', () => {
    const failure = ApplicationFailure.create({
      type: 'QueryFailedError',
      message: `invalid input syntax for type uuid: "${MARKER}"`,
    });
    const wrapper = new Error('Workflow update failed', { cause: failure });
    const safe = safeError(wrapper) as { message: string; cause: { failureType: string } };
    expect(safe.message).toBe('Workflow update failed');
    expect(safe.cause.failureType).toBe('QueryFailedError');
    expect(JSON.stringify(safe)).not.toContain(MARKER);
  });

  it('keeps an ordinary error whole and passes non-errors through', () => {
    const error = new TypeError('Cannot read properties of undefined');
    expect(safeError(error)).toEqual({
      type: 'TypeError',
      message: 'Cannot read properties of undefined',
      stack: error.stack,
    });
    expect(safeError('text')).toBe('text');
  });

  it('logs requests and responses without bodies, query values or most headers', () => {
    const request = safeRequest({
      id: 'r-1',
      method: 'GET',
      url: `/cases?search=${MARKER}`,
      headers: { authorization: 'Bearer secret', cookie: 'c', 'user-agent': 'curl' },
      remoteAddress: '127.0.0.1',
    });
    expect(request).toEqual({
      id: 'r-1',
      method: 'GET',
      url: '/cases?search',
      userAgent: 'curl',
      contentLength: undefined,
      remoteAddress: '127.0.0.1',
    });
    expect(safeResponse({ statusCode: 500 })).toEqual({ statusCode: 500 });
  });

  it("keeps the Temporal SDK's ids and drops anything that could hold a payload", () => {
    const meta = safeLogMeta({
      workflowId: 'case-1',
      activityType: 'projectCase',
      attempt: 3,
      isLocal: true,
      error: new QueryFailedError('UPDATE tasks SET data = $1', [MARKER], pgError()),
      args: [MARKER],
      result: MARKER,
      failure: MARKER,
      headers: { 'client-name': MARKER },
      nested: { 'client-name': MARKER },
    });
    expect(Object.keys(meta).sort()).toEqual([
      'activityType',
      'attempt',
      'err',
      'isLocal',
      'workflowId',
    ]);
    expect(meta.err).toEqual(expect.objectContaining({ code: '22P02', table: 'cases' }));
    expect(JSON.stringify(meta)).not.toContain(MARKER);
  });
});

import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import type { paths } from './schema';

/**
 * The types openapi-typescript generates from the API's OpenAPI document (schema.d.ts, kept equal
 * to the document by test/openapi-contract.e2e-spec.ts) drive openapi-fetch's typed client: this
 * file is type-checked under `strict` with the console, so a document a client cannot compile
 * against fails the console's typecheck.
 */
function clientAnswering(status: number, body: unknown) {
  const requests: Request[] = [];
  const client = createClient<paths>({
    baseUrl: 'http://schakel.test',
    fetch: async (request: Request) => {
      requests.push(request);
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  return { client, requests };
}

describe('the client generated from the OpenAPI document', () => {
  it('lists cases with typed, integer paging', async () => {
    const page = { items: [], total: 0, limit: 10, offset: 0 };
    const { client, requests } = clientAnswering(200, page);
    const { data } = await client.GET('/cases', {
      params: { query: { limit: 10, offset: 0, status: 'open' } },
    });
    expect(requests[0]?.url).toBe('http://schakel.test/cases?limit=10&offset=0&status=open');
    expect(data?.items).toEqual([]);
    // @ts-expect-error limit is an integer, not a string
    void client.GET('/cases', { params: { query: { limit: 'ten' } } });
  });

  it('claims a task without an Idempotency-Key, which is optional', async () => {
    const { client, requests } = clientAnswering(200, { opened: [], closed: [], status: 'open' });
    const { data } = await client.POST('/tasks/{taskId}/claim', {
      params: { path: { taskId: 't-1' } },
    });
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.headers.get('idempotency-key')).toBeNull();
    expect(data?.status).toBe('open');
  });

  it('types an error answer as the common error body', async () => {
    const refusal = { statusCode: 409, error: 'Conflict', message: 'Taken', requestId: 'r-1' };
    const { client } = clientAnswering(409, refusal);
    const { error } = await client.POST('/tasks/{taskId}/claim', {
      params: { path: { taskId: 't-1' }, header: { 'Idempotency-Key': 'k-1' } },
    });
    const body: { statusCode: number; message: string; requestId?: string } | undefined = error;
    expect(body?.requestId).toBe('r-1');
  });
});

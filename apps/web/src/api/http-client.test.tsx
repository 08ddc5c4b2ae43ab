import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpClient } from './http-client';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('HttpClient', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('retries a write after an outage with the same Idempotency-Key', async () => {
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('network down'))
      .mockResolvedValueOnce(json(503, { message: 'engine busy' }, { 'retry-after': '0' }))
      .mockResolvedValueOnce(json(200, { ok: true }));
    vi.stubGlobal('fetch', fetch);
    const client = new HttpClient(
      () => 'token',
      () => undefined,
    );

    await expect(client.post('/tasks/1/claim')).resolves.toEqual({ ok: true });

    expect(fetch).toHaveBeenCalledTimes(3);
    const keys = fetch.mock.calls.map(
      ([, init]) =>
        (init as RequestInit & { headers: Record<string, string> }).headers['Idempotency-Key'],
    );
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
  });

  it('gives each write its own key and sends none on reads', async () => {
    const fetch = vi.fn().mockImplementation(() => Promise.resolve(json(200, {})));
    vi.stubGlobal('fetch', fetch);
    const client = new HttpClient(
      () => null,
      () => undefined,
    );
    await client.post('/a');
    await client.post('/a');
    await client.get('/b');
    const keys = fetch.mock.calls.map(
      ([, init]) =>
        (init as RequestInit & { headers: Record<string, string> }).headers['Idempotency-Key'],
    );
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBeUndefined();
  });

  it('does not retry a refusal', async () => {
    const fetch = vi.fn().mockResolvedValue(json(409, { message: 'claimed by a colleague' }));
    vi.stubGlobal('fetch', fetch);
    const client = new HttpClient(
      () => 'token',
      () => undefined,
    );
    await expect(client.post('/tasks/1/claim')).rejects.toBeDefined();
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

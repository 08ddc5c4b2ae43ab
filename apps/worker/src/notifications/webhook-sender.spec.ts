import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EnvironmentVariables } from '@schakel/config';
import type { PinnedTarget } from '@schakel/queue';
import { WebhookSender } from './webhook-sender.service';

const request = { body: '{"id":"e-1"}', headers: { 'Content-Type': 'application/json' } };

describe('WebhookSender: one attempt to the pinned address', () => {
  let server: Server;
  let port: number;
  const seen: { host: string | undefined; path: string | undefined }[] = [];
  const sender = new WebhookSender({ WEBHOOK_TIMEOUT_MS: 300 } as EnvironmentVariables);

  beforeAll(async () => {
    server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
      seen.push({ host: incoming.headers.host, path: incoming.url });
      incoming.resume();
      if (incoming.url === '/moved') {
        response.writeHead(302, { Location: `http://127.0.0.1:${port}/ok` }).end();
      } else if (incoming.url === '/broken') {
        response.writeHead(500).end('FATAL: password authentication failed for user "postgres"');
      } else if (incoming.url === '/ok') {
        response.writeHead(204).end();
      } // '/silent' never answers
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A host name that resolves nowhere, pinned to the local server: only the pin can reach it. */
  const target = (path: string): PinnedTarget => ({
    ok: true,
    url: new URL(`http://partner.invalid:${port}${path}`),
    address: '127.0.0.1',
    family: 4,
  });

  beforeEach(() => seen.splice(0));

  it('connects to the checked address, sending the host name as Host', async () => {
    expect(await sender.send(target('/ok'), request)).toEqual({ ok: true, statusCode: 204 });
    expect(seen).toEqual([{ host: `partner.invalid:${port}`, path: '/ok' }]);
  });

  it('does not follow a redirect', async () => {
    expect(await sender.send(target('/moved'), request)).toEqual({
      ok: false,
      statusCode: 302,
      error: 'redirect not followed (HTTP 302)',
    });
    expect(seen.map(({ path }) => path)).toEqual(['/moved']);
  });

  it('keeps a fixed reason, never the receiver’s answer', async () => {
    expect(await sender.send(target('/broken'), request)).toEqual({
      ok: false,
      statusCode: 500,
      error: 'receiver answered HTTP 500',
    });
  });

  it('gives up after WEBHOOK_TIMEOUT_MS', async () => {
    expect(await sender.send(target('/silent'), request)).toEqual({
      ok: false,
      statusCode: null,
      error: 'no answer within 300 ms',
    });
  });

  it('names a refused connection by its code only', async () => {
    const closed = { ...target('/ok'), url: new URL('http://partner.invalid:1/ok') };
    expect(await sender.send(closed, request)).toEqual({
      ok: false,
      statusCode: null,
      error: 'connection refused (ECONNREFUSED)',
    });
  });
});

import { createServer, type Server } from 'node:http';

/**
 * A bare `/health` for processes without an HTTP API (relay, reconciler), for container probes:
 * 200 while `healthy()` says so, 503 with its reason otherwise.
 */
export function startProcessHealthServer(
  port: number,
  healthy: () => { ok: boolean; detail: Record<string, unknown> },
): Server | undefined {
  if (port === 0) return undefined;
  const server = createServer((request, response) => {
    if (request.url !== '/health' && request.url !== '/health/ready') {
      response.writeHead(404).end();
      return;
    }
    const { ok, detail } = healthy();
    response
      .writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ status: ok ? 'ok' : 'error', ...detail }));
  });
  server.listen(port, '0.0.0.0');
  return server;
}

import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  /** The raw body exactly as received, which is what the signature covers. */
  body: string;
}

export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  close: () => Promise<void>;
}

/**
 * A partner system on 127.0.0.1 that answers the n-th request (1-based) with `status(n)`, after
 * `delayMs`; `onRequest` fires as soon as a request has been read.
 */
export async function startWebhookReceiver(
  status: (n: number) => number,
  { delayMs = 0, onRequest = () => undefined }: { delayMs?: number; onRequest?: () => void } = {},
): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      onRequest();
      const code = status(requests.length);
      setTimeout(
        () => response.writeHead(code, { 'Content-Type': 'text/plain' }).end('noted'),
        delayMs,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/schakel/webhook`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A URL on 127.0.0.1 where nothing listens: a partner system that is down. */
export async function unreachableUrl(): Promise<string> {
  const receiver = await startWebhookReceiver(() => 200);
  await receiver.close();
  return receiver.url;
}

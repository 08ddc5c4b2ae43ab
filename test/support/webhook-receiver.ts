import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP, type CloudEvent } from 'cloudevents';
import { Webhook } from 'standardwebhooks';

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
 * A partner system on 127.0.0.1 that answers the n-th request (1-based) with `status(n)` and the
 * body `answer`, after `delayMs`; `onRequest` fires as soon as a request has been read.
 */
export async function startWebhookReceiver(
  status: (n: number) => number,
  {
    delayMs = 0,
    onRequest = () => undefined,
    answer = 'noted',
  }: { delayMs?: number; onRequest?: () => void; answer?: string } = {},
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
        () => response.writeHead(code, { 'Content-Type': 'text/plain' }).end(answer),
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

/**
 * What a partner's receiver does with a delivery, with the libraries a partner would use: verify the
 * Standard Webhooks signature (which also refuses a timestamp outside five minutes), then read the
 * structured CloudEvent. Throws when either fails.
 */
export function verifiedEvent(
  secret: string,
  { headers, body }: ReceivedRequest,
): CloudEvent<Record<string, unknown>> {
  const plain = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, String(value)]),
  );
  new Webhook(secret).verify(body, plain);
  const event = HTTP.toEvent({ headers: plain, body }) as CloudEvent<Record<string, unknown>>;
  event.validate();
  return event;
}

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { Inject, Injectable } from '@nestjs/common';
import { EnvironmentVariables } from '@schakel/config';
import type { PinnedTarget, WebhookRequest } from '@schakel/queue';

export type SendOutcome =
  { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * Short, fixed reasons for what went wrong: `lastError` is read by people in the partner
 * organisation, so it never carries the receiver's answer or an internal service's text.
 */
const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (ECONNREFUSED)',
  ECONNRESET: 'connection reset (ECONNRESET)',
  EHOSTUNREACH: 'host unreachable (EHOSTUNREACH)',
  ENETUNREACH: 'network unreachable (ENETUNREACH)',
  ETIMEDOUT: 'connection timed out (ETIMEDOUT)',
  EPIPE: 'connection closed (EPIPE)',
};

function networkReason(error: NodeJS.ErrnoException): string {
  const code = error.code ?? '';
  if (NETWORK_REASONS[code]) return NETWORK_REASONS[code];
  if (/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(code)) {
    return `TLS handshake failed (${code})`;
  }
  return 'network error';
}

/**
 * One HTTP attempt to an address checked against the SSRF policy: the connection goes to that
 * pinned address only (the host name is still sent for TLS and virtual hosting), redirects are not
 * followed (the signature is for this URL), and the answer's body is never read.
 */
@Injectable()
export class WebhookSender {
  constructor(@Inject(EnvironmentVariables) private readonly env: EnvironmentVariables) {}

  send(target: PinnedTarget, request: WebhookRequest): Promise<SendOutcome> {
    const { url, address, family } = target;
    const pinned = (_host: string, options: LookupOptions, callback: LookupCallback) => {
      if (options.all) callback(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<SendOutcome>((resolve) => {
      const outgoing = send(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'Content-Length': Buffer.byteLength(request.body) },
          lookup: pinned,
          signal: AbortSignal.timeout(this.env.WEBHOOK_TIMEOUT_MS),
        },
        (response: IncomingMessage) => {
          const statusCode = response.statusCode ?? 0;
          response.destroy();
          if (statusCode >= 200 && statusCode < 300) resolve({ ok: true, statusCode });
          else if (statusCode >= 300 && statusCode < 400)
            resolve({ ok: false, statusCode, error: `redirect not followed (HTTP ${statusCode})` });
          else resolve({ ok: false, statusCode, error: `receiver answered HTTP ${statusCode}` });
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) =>
        resolve({
          ok: false,
          statusCode: null,
          error:
            error.name === 'AbortError'
              ? `no answer within ${this.env.WEBHOOK_TIMEOUT_MS} ms`
              : networkReason(error),
        }),
      );
      outgoing.end(request.body);
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { EnvironmentVariables } from '@schakel/config';
import type { WebhookRequest } from '@schakel/queue';

export type SendOutcome =
  { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

/** How much of a failing receiver's answer is kept for the admin to read. */
const MAX_ERROR_CHARS = 500;

/** The first bytes of a body, then the stream is cancelled so a huge answer cannot hold the socket. */
async function startOfBody(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return value ? new TextDecoder().decode(value).slice(0, MAX_ERROR_CHARS) : '';
}

/** One HTTP attempt: POST, bounded by a timeout, redirects not followed (the signature is for this URL). */
@Injectable()
export class WebhookSender {
  constructor(@Inject(EnvironmentVariables) private readonly env: EnvironmentVariables) {}

  async send(url: string, request: WebhookRequest): Promise<SendOutcome> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.env.WEBHOOK_TIMEOUT_MS),
      });
      if (response.ok) {
        await response.body?.cancel();
        return { ok: true, statusCode: response.status };
      }
      const answer = (await startOfBody(response)).trim();
      return {
        ok: false,
        statusCode: response.status,
        error: `HTTP ${response.status}${answer ? `: ${answer}` : ''}`,
      };
    } catch (error) {
      return { ok: false, statusCode: null, error: this.describe(error) };
    }
  }

  private describe(error: unknown): string {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return `No answer within ${this.env.WEBHOOK_TIMEOUT_MS} ms`;
    }
    // fetch reports network failures as "fetch failed" with the socket error as the cause.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.message) return cause.code ? `${cause.code}: ${cause.message}` : cause.message;
    return error instanceof Error ? error.message : String(error);
  }
}

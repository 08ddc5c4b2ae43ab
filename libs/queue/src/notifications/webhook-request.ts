import { CloudEvent, HTTP } from 'cloudevents';
import { Webhook } from 'standardwebhooks';

export interface WebhookDeliveryFields {
  id: string;
  organisationId: string;
  eventId: string;
  eventKind: string;
  caseId: string | null;
  chainId: string | null;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

/** Where this installation lives: the CloudEvents `source` and the console links derive from it. */
export interface WebhookContext {
  publicBaseUrl: string;
  consoleBaseUrl: string;
  /** When set, `source` is an `urn:nld:oin:` URN (NL GOV profile) instead of a URL. */
  sourceOin?: string;
}

export interface WebhookRequest {
  body: string;
  headers: Record<string, string>;
}

export const USER_AGENT = 'Schakel-Webhooks/2.0';
/** Reverse-DNS prefix of every event type (NL GOV profile for CloudEvents). */
export const EVENT_TYPE_PREFIX = 'nl.schakel.';

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Where a person opens what an event is about: the task when the event names one, else the case,
 * else the console's start page. Webhooks and e-mails link here instead of carrying content.
 */
export function consoleLink(
  consoleBaseUrl: string,
  caseId: string | null,
  payload: Record<string, unknown>,
): string {
  const base = trimSlash(consoleBaseUrl);
  if (typeof payload.taskId === 'string') return `${base}/tasks/${payload.taskId}`;
  return caseId ? `${base}/cases/${caseId}` : `${base}/`;
}

/** The CloudEvents `source`: the installation and the chain, as a URN with an OIN or as a URL. */
export function eventSource(context: WebhookContext, chainId: string | null): string {
  if (context.sourceOin) {
    const base = `urn:nld:oin:${context.sourceOin}:systeem:schakel`;
    return chainId ? `${base}:keten:${encodeURIComponent(chainId)}` : base;
  }
  const base = trimSlash(context.publicBaseUrl);
  return chainId ? `${base}/chains/${encodeURIComponent(chainId)}` : base;
}

/** References the partner can act on: ids, the step, the due date and links into the console. */
export interface WebhookEventData extends Record<string, unknown> {
  caseId: string | null;
  links: { task?: string; case?: string };
}

/**
 * The event as a CloudEvents 1.0 event. `id` is the event id (the same on every attempt, so
 * receivers deduplicate on source + id), `source` names the installation and the chain, `subject`
 * the task (or the case) by its id, `dataref` the API resource of the task, `data` carries
 * references only — never client data.
 */
export function webhookEvent(
  delivery: WebhookDeliveryFields,
  context: WebhookContext,
): CloudEvent<WebhookEventData> {
  const taskId = typeof delivery.payload.taskId === 'string' ? delivery.payload.taskId : null;
  const link = consoleLink(context.consoleBaseUrl, delivery.caseId, delivery.payload);
  const links: WebhookEventData['links'] = taskId
    ? { task: link }
    : delivery.caseId
      ? { case: link }
      : {};
  const subject = taskId
    ? `tasks/${taskId}`
    : delivery.caseId
      ? `cases/${delivery.caseId}`
      : undefined;
  return new CloudEvent<WebhookEventData>({
    specversion: '1.0',
    id: delivery.eventId,
    source: eventSource(context, delivery.chainId),
    type: `${EVENT_TYPE_PREFIX}${delivery.eventKind}`,
    ...(subject ? { subject } : {}),
    time: delivery.occurredAt.toISOString(),
    datacontenttype: 'application/json',
    // Claim check (NL GOV profile): what the receiver may read about the task, fetched with its own
    // credentials from the API, never carried in the event.
    ...(taskId ? { dataref: `${trimSlash(context.publicBaseUrl)}/tasks/${taskId}` } : {}),
    data: { ...delivery.payload, caseId: delivery.caseId, links },
  });
}

/**
 * `webhook-signature` per Standard Webhooks: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` for
 * every secret given (during a rotation the old and the new one), separated by spaces.
 */
export function signWebhook(id: string, sentAt: Date, body: string, secrets: string[]): string {
  return secrets.map((secret) => new Webhook(secret).sign(id, sentAt, body)).join(' ');
}

/**
 * The exact bytes to POST (structured-mode CloudEvent) and the Standard Webhooks headers, signed
 * over id, this attempt's timestamp and those bytes. `webhook-id` is the delivery id: one per event
 * and organisation, the same on every attempt.
 */
export function webhookRequest(
  delivery: WebhookDeliveryFields,
  context: WebhookContext,
  secrets: string[],
  sentAt: Date,
): WebhookRequest {
  const message = HTTP.structured(webhookEvent(delivery, context));
  const body = message.body as string;
  return {
    body,
    headers: {
      'Content-Type': 'application/cloudevents+json; charset=utf-8',
      'User-Agent': USER_AGENT,
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': signWebhook(delivery.id, sentAt, body, secrets),
    },
  };
}

import { signWebhookBody } from './webhook-signature';

/** What a partner system receives, in this key order. */
export interface WebhookBody {
  /** The event id: the same on every attempt and for every organisation, so receivers can dedupe. */
  id: string;
  kind: string;
  occurredAt: string;
  organisationId: string;
  caseId: string | null;
  data: Record<string, unknown>;
}

export interface WebhookDeliveryFields {
  id: string;
  organisationId: string;
  eventId: string;
  eventKind: string;
  caseId: string | null;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

export interface WebhookRequest {
  body: string;
  headers: Record<string, string>;
}

export const USER_AGENT = 'Schakel-Webhooks/1.0';

export function webhookBody(delivery: WebhookDeliveryFields): WebhookBody {
  return {
    id: delivery.eventId,
    kind: delivery.eventKind,
    occurredAt: delivery.occurredAt.toISOString(),
    organisationId: delivery.organisationId,
    caseId: delivery.caseId,
    data: delivery.payload,
  };
}

/** The exact bytes to POST and the headers, signed over those bytes. `sentAt` is this attempt. */
export function webhookRequest(
  delivery: WebhookDeliveryFields,
  secret: string,
  sentAt: Date,
): WebhookRequest {
  const body = JSON.stringify(webhookBody(delivery));
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': USER_AGENT,
      'X-Schakel-Event': delivery.eventKind,
      'X-Schakel-Delivery': delivery.id,
      'X-Schakel-Timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'X-Schakel-Signature': signWebhookBody(body, secret),
    },
  };
}

import {
  NOTIFICATION_EVENT_KINDS,
  NOTIFICATION_ROLES,
  type NotificationEvent,
  type NotificationRole,
} from '@schakel/contracts';

/** The event as it travels through the queue: defaults filled in, so processors need no guessing. */
export interface NotificationJob {
  id: string;
  kind: NotificationEvent['kind'];
  organisationIds: string[];
  userIds: string[];
  roles: NotificationRole[];
  title: string;
  body: string;
  caseId: string | null;
  chainId: string | null;
  occurredAt: string;
  payload: Record<string, unknown>;
}

export interface WebhookDeliveryJob {
  deliveryId: string;
}

/** A caller's mistake: retrying cannot fix it (Temporal activities list it as non-retryable). */
export class InvalidNotificationEventError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid notification event: ${problems.join('; ')}`);
    this.name = 'InvalidNotificationEventError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Queue jobs and webhook bodies stay small: the payload carries references, not documents. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max;

const isTextList = (value: unknown, valid: (item: unknown) => boolean): boolean =>
  Array.isArray(value) && value.every(valid);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Everything wrong with an event, checked before it is enqueued (empty when it is fine). */
export function notificationEventProblems(event: NotificationEvent): string[] {
  const checks: [boolean, string][] = [
    [isText(event.id, 200), 'id must be a non-empty string of at most 200 characters'],
    [
      (NOTIFICATION_EVENT_KINDS as readonly string[]).includes(event.kind),
      `kind must be one of ${NOTIFICATION_EVENT_KINDS.join(', ')}`,
    ],
    [
      isTextList(event.organisationIds, (id) => isText(id, 64)),
      'organisationIds must be a list of organisation ids',
    ],
    [
      event.userIds === undefined || isTextList(event.userIds, (id) => UUID.test(String(id))),
      'userIds must be a list of user ids (UUIDs)',
    ],
    [
      event.roles === undefined ||
        isTextList(event.roles, (role) =>
          (NOTIFICATION_ROLES as readonly unknown[]).includes(role),
        ),
      `roles must be a list of ${NOTIFICATION_ROLES.join(', ')}`,
    ],
    [
      (event.organisationIds?.length ?? 0) +
        (event.userIds?.length ?? 0) +
        (event.roles?.length ?? 0) >
        0,
      'the event must name at least one organisation, user or role',
    ],
    [isText(event.title, 200), 'title must be a non-empty string of at most 200 characters'],
    [isText(event.body, 4000), 'body must be a non-empty string of at most 4000 characters'],
    [
      event.caseId === undefined || isText(event.caseId, 100),
      'caseId must be at most 100 characters',
    ],
    [
      event.chainId === undefined || isText(event.chainId, 64),
      'chainId must be at most 64 characters',
    ],
    [
      event.occurredAt === undefined || !Number.isNaN(Date.parse(event.occurredAt)),
      'occurredAt must be an ISO 8601 timestamp',
    ],
    [
      event.payload === undefined ||
        (isPlainObject(event.payload) &&
          Buffer.byteLength(JSON.stringify(event.payload)) <= MAX_PAYLOAD_BYTES),
      `payload must be a JSON object of at most ${MAX_PAYLOAD_BYTES} bytes`,
    ],
  ];
  return checks.filter(([valid]) => !valid).map(([, problem]) => problem);
}

/** Validates the event and fills in its defaults; `now` is when notify() was called. */
export function notificationJob(event: NotificationEvent, now: Date): NotificationJob {
  const problems = notificationEventProblems(event);
  if (problems.length > 0) throw new InvalidNotificationEventError(problems);
  return {
    id: event.id,
    kind: event.kind,
    organisationIds: [...new Set(event.organisationIds)],
    userIds: [...new Set(event.userIds ?? [])],
    roles: [...new Set(event.roles ?? [])],
    title: event.title,
    body: event.body,
    caseId: event.caseId ?? null,
    chainId: event.chainId ?? null,
    occurredAt: new Date(event.occurredAt ?? now).toISOString(),
    payload: event.payload ?? {},
  };
}

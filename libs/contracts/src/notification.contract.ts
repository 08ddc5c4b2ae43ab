/** What a notification is about; webhook subscriptions can filter on these. Add new kinds here. */
export const NOTIFICATION_EVENT_KINDS = [
  'task.opened',
  'task.assigned',
  'task.cancelled',
  'task.due-soon',
  'task.overdue',
  'task.reminder',
  'task.returned',
  'task.migrated',
  'escalation.raised',
  'escalation.level-up',
  'escalation.de-escalated',
  'escalation.resolved',
  'case.due-soon',
  'case.overdue',
  'case.closed',
] as const;
export type NotificationEventKind = (typeof NOTIFICATION_EVENT_KINDS)[number];

/** Chain-wide roles an event can reach without naming users (they belong to no organisation). */
export const NOTIFICATION_ROLES = ['regisseur', 'operations', 'admin'] as const;
export type NotificationRole = (typeof NOTIFICATION_ROLES)[number];

/** The one input of `NotificationService.notify`. */
export interface NotificationEvent {
  /**
   * Stable idempotency id, the same on every retry of the caller, e.g.
   * `${caseId}:task.assigned:${taskKey}:${n}`: each user and each webhook gets an id at most once.
   */
  id: string;
  kind: NotificationEventKind;
  /** Organisations the event concerns: their webhooks receive it, and their users when no userIds are named. */
  organisationIds: string[];
  /** When set, only these users get the in-app notification (instead of everyone in organisationIds). */
  userIds?: string[];
  /** Additionally notifies every user with one of these chain-wide roles, e.g. the regisseur. */
  roles?: NotificationRole[];
  title: string;
  body: string;
  caseId?: string;
  /** The chain the case runs in: part of the webhook's CloudEvents `source`. */
  chainId?: string;
  /** ISO 8601; defaults to the moment notify() is called. */
  occurredAt?: string;
  /** Details for the inbox and the webhook's `data`: references (task key, due date), never case content. */
  payload?: Record<string, unknown>;
}

import type {
  Actor,
  CaseEventRecord,
  CaseTransitionResult,
  CaseWorkflowState,
  EscalationProjection,
  EscalationState,
  NotificationEvent,
  TaskChange,
  TaskOpening,
} from '@schakel/contracts';

export type TaskRef = { taskKey: string; stepId: string; partnerId: string };

/**
 * One transition being put together on a private copy of the case state: the events it records,
 * the rows it writes and the notifications it sends. Nothing leaves it until the machine finishes it.
 */
export class Work {
  readonly events: CaseEventRecord[] = [];
  readonly opened: TaskOpening[] = [];
  readonly changed: TaskChange[] = [];
  readonly escalations: EscalationProjection[] = [];
  readonly notifications: NotificationEvent[] = [];
  opensResult: CaseTransitionResult['opened'] = [];
  closedResult: string[] = [];

  constructor(
    readonly caseId: string,
    readonly state: CaseWorkflowState,
    readonly now: number,
  ) {}

  get at(): string {
    return new Date(this.now).toISOString();
  }

  /** Merges changes to the same task, so one projection writes each task row once. */
  change(change: TaskChange): void {
    const existing = this.changed.find((candidate) => candidate.taskKey === change.taskKey);
    if (existing) Object.assign(existing, change);
    else this.changed.push(change);
  }

  /** Events are numbered in the order decided, so their ids are stable across retries and replays. */
  record(
    type: CaseEventRecord['type'],
    actor: Actor | undefined,
    details: CaseEventRecord['details'],
    task?: TaskRef,
  ): void {
    this.state.sequence += 1;
    this.events.push({
      eventId: `${this.caseId}:${this.state.sequence}`,
      type,
      ...(task ? { taskKey: task.taskKey, stepId: task.stepId, partnerId: task.partnerId } : {}),
      ...(actor ? { actor } : {}),
      occurredAt: this.at,
      details,
    });
  }

  /**
   * Gives every regisseur-authored reason recorded so far that has no audience yet its readers
   * (issue 12): the regisseur, and the partners the action concerns — the task's partner, or
   * for a case-level action every partner of the case.
   */
  addressReasons(casePartners: string[]): void {
    for (const event of this.events) {
      if (event.details.reason === undefined || event.details.audience) continue;
      event.details.audience = {
        organisations: event.partnerId ? [event.partnerId] : casePartners,
        regisseur: true,
      };
    }
  }

  /** A notification about a task to its organisation (or named users there). */
  notify(
    kind: NotificationEvent['kind'],
    taskKey: string,
    organisationIds: string[],
    userIds: string[] | undefined,
    title: string,
    body: string,
  ): void {
    this.notifications.push({
      id: `${this.caseId}:${kind}:${taskKey}:${this.state.sequence}`,
      kind,
      organisationIds,
      ...(userIds ? { userIds } : {}),
      title,
      body,
      caseId: this.caseId,
      occurredAt: this.at,
      payload: { taskKey },
    });
  }

  /** A notification about an escalation: the regisseur always, and the partner holding the task. */
  notifyEscalation(
    kind: NotificationEvent['kind'],
    escalation: EscalationState,
    title: string,
  ): void {
    this.notifications.push({
      id: `${escalation.id}:${kind}:${escalation.level}:${this.state.sequence}`,
      kind,
      organisationIds: escalation.partnerId ? [escalation.partnerId] : [],
      roles: ['regisseur'],
      title,
      body: `${escalation.levelName} (${escalation.owner}) — ${escalation.stepId ?? 'zaak'}`,
      caseId: this.caseId,
      occurredAt: this.at,
      payload: {
        escalationId: escalation.id,
        level: escalation.level,
        trigger: escalation.trigger,
        taskKey: escalation.taskKey,
      },
    });
  }
}

import type {
  Actor,
  CaseClockChange,
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

/** Why a task of an organisation was cancelled, as a code (never the regisseur's free text). */
export type CancelReason = 'rewound' | 'case-ended' | 'reassigned' | 'migrated';

export interface TaskNotice {
  kind: NotificationEvent['kind'];
  task: TaskRef;
  title: string;
  body: string;
  /** When the task is someone's: only they get it in-app (the organisation's channels still do). */
  userIds?: string[];
  dueAt?: string | null;
  reason?: CancelReason;
}

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
  /** The case norm's clock columns, when they changed. */
  caseClock?: CaseClockChange;
  opensResult: CaseTransitionResult['opened'] = [];
  closedResult: string[] = [];

  constructor(
    readonly caseId: string,
    readonly chainId: string,
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

  /** Merges changes to the case norm's clock, so one projection writes the case row once. */
  changeCase(change: CaseClockChange): void {
    this.caseClock = { ...this.caseClock, ...change };
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

  /**
   * The id of a notification about the case event just recorded: that event's id plus the kind, so
   * each case event tells each organisation at most once, on every retry and replay alike.
   */
  private notificationId(kind: NotificationEvent['kind']): string {
    return `${this.caseId}:${this.state.sequence}:${kind}`;
  }

  private push(event: Omit<NotificationEvent, 'id' | 'caseId' | 'chainId' | 'occurredAt'>): void {
    this.notifications.push({
      id: this.notificationId(event.kind),
      caseId: this.caseId,
      chainId: this.chainId,
      occurredAt: this.at,
      ...event,
    });
  }

  /**
   * A notification about a task to the organisation holding it: its webhook and e-mail, and in-app
   * its caseworkers (or only `userIds` when the task is someone's). The payload holds references only.
   */
  notifyTask(notice: TaskNotice): void {
    const { kind, task, title, body, userIds, dueAt, reason } = notice;
    this.push({
      kind,
      organisationIds: [task.partnerId],
      ...(userIds?.length ? { userIds } : {}),
      title,
      body,
      payload: {
        taskKey: task.taskKey,
        stepId: task.stepId,
        ...(dueAt ? { dueAt } : {}),
        ...(reason ? { reason } : {}),
      },
    });
  }

  /** A notification about an escalation: the regisseur always, and the partner holding the task. */
  notifyEscalation(
    kind: NotificationEvent['kind'],
    escalation: EscalationState,
    title: string,
  ): void {
    this.push({
      kind,
      organisationIds: escalation.partnerId ? [escalation.partnerId] : [],
      roles: ['regisseur'],
      title,
      body: `${escalation.levelName} (${escalation.owner}) — ${escalation.stepId ?? 'zaak'}`,
      payload: {
        escalationId: escalation.id,
        level: escalation.level,
        trigger: escalation.trigger,
        ...(escalation.taskKey ? { taskKey: escalation.taskKey } : {}),
        ...(escalation.stepId ? { stepId: escalation.stepId } : {}),
      },
    });
  }

  /** The case norm's early warning or breach: the regisseur's to act on (process data only). */
  notifyCase(kind: 'case.due-soon' | 'case.overdue', title: string, dueAt: string | null): void {
    this.push({
      kind,
      organisationIds: [],
      roles: ['regisseur'],
      title,
      body: dueAt ? `Norm van de zaak: uiterlijk ${dueAt}` : 'Norm van de zaak',
      payload: dueAt ? { dueAt } : {},
    });
  }

  /** The end of the case, to every organisation that held a task in it. */
  notifyCaseEnded(): void {
    const partners = [...new Set(this.state.routing.tasks.map((task) => task.partnerId))].sort();
    if (partners.length === 0) return;
    const ended = this.state.routing.ended;
    this.push({
      kind: 'case.closed',
      organisationIds: partners,
      title: this.state.status === 'cancelled' ? 'Zaak geannuleerd' : 'Zaak afgesloten',
      body: 'Een zaak waaraan uw organisatie meewerkte is beëindigd.',
      payload: {
        status: this.state.status,
        ...(ended ? { endId: ended.endId, result: ended.result } : {}),
      },
    });
  }
}

import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { NotificationEvent } from './notification.contract';
import type {
  CaseData,
  CaseEnd,
  Intensity,
  ReferenceModel,
  RoutingState,
} from '@schakel/reference-model/engine';
import type { MigrationMapping, TaskMove } from '@schakel/reference-model/migration';

/** Deterministic workflow id: one workflow per case. */
export const caseWorkflowId = (caseId: string): string => `case-${caseId}`;

/** Who acts, as the API established it from the bearer token. */
export interface Actor {
  userId: string;
  role: 'caseworker' | 'regisseur' | 'operations' | 'model-owner' | 'admin';
  organisationId: string | null;
}

export interface CaseWorkflowInput {
  caseId: string;
  chainId: string;
  modelVersion: number;
  /** Snapshot of the published version the case runs on, for its whole life. */
  model: ReferenceModel;
  category: string;
  intensity: Intensity;
  data: CaseData;
  openedBy: Actor;
  /** The intake's own fields: the case row is written from them by the first projection. */
  intake: CaseIntake;
  /** Continue-as-new once history passes this many events. */
  historyLimit?: number;
  /** Share of a norm's term after which the early warning goes out (NORM_WARNING_FRACTION). */
  warningFraction?: number;
  /** Extra non-working days by decree, per year (HOLIDAY_EXTRA_DAYS). */
  extraHolidays?: Record<number, string[]>;
  /**
   * Set on cases started since notifications follow the work (issue 14): every task opened,
   * returned or cancelled, and the case's end, notifies the organisations concerned. Unset on cases
   * started before, which keep notifying only what they did then, so their replay issues the same
   * commands (docs/workflows.md, patching policy).
   */
  notifyFollowsWork?: boolean;
  /**
   * Set on cases started since the case norm is enforced (issue 15): the case runs a clock of its
   * own against the model's `caseNorm`, with warning, overdue and a `case-overdue` escalation.
   * Unset on cases started before, whose replay must not meet timers they never set.
   */
  enforcesCaseNorm?: boolean;
  /** State carried over by continue-as-new. */
  carried?: CaseWorkflowState;
}

/** What the intake recorded besides the case data; lands in the case row with the first projection. */
export interface CaseIntake {
  clientQuestion: string;
  clientReference: string;
  /** The caller's Idempotency-Key, so a retried intake finds its case. */
  idempotencyKey: string | null;
}

/** Who holds a task and its times; routing (status, outcome) lives in the routing state. */
export interface TaskHolder {
  assigneeId: string | null;
  openedAt: string;
  claimedAt: string | null;
  closedAt: string | null;
}

export type CaseStatus = 'open' | 'closed' | 'cancelled';

/** A norm clock as the calendar library models it (epoch milliseconds, plain JSON). */
export interface ClockSnapshot {
  startedAt: number;
  norm: { amount: number; unit: 'workingDays' | 'calendarDays' | 'hours'; atw: boolean };
  suspensions: { from: number; to?: number; reason: string }[];
  extensions: { dueAt: number; reason: string; at: number }[];
  /** Due instants from a date in the case (a norm anchored to a date field). */
  anchors?: { dueAt: number; reason: string; at: number }[];
  stoppedAt?: number;
}

/** The clocks of one open task (or of the case, without a claim) and which of their signals have gone out. */
export interface TaskClocks {
  target?: ClockSnapshot;
  escalation?: ClockSnapshot;
  /** Must be claimed before this instant (the step's claim norm). */
  claimDueAt?: number;
  warned?: boolean;
  overdue?: boolean;
  escalated?: boolean;
  claimEscalated?: boolean;
}

export const ESCALATION_TRIGGERS = [
  'norm-breached',
  'claim-overdue',
  'returned-repeatedly',
  'case-stalled',
  'partners-disagree',
  'case-overdue',
] as const;
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];

export interface EscalationState {
  id: string;
  taskKey?: string;
  stepId?: string;
  partnerId?: string;
  trigger: EscalationTrigger;
  level: number;
  levelName: string;
  owner: string;
  raisedAt: number;
  levelSince: number;
  /** When it climbs to the next level unless resolved; null at the top of the ladder. */
  levelDueAt: number | null;
  status: 'open' | 'resolved';
}

export interface CaseWorkflowState {
  routing: RoutingState;
  status: CaseStatus;
  openedAt: string;
  /** Per task (by task key): who holds it and since when. */
  holders: Record<string, TaskHolder>;
  /** Next event sequence number, for deterministic event ids. */
  sequence: number;
  /** Norm clocks per open task. */
  clocks: Record<string, TaskClocks>;
  escalations: EscalationState[];
  /** Last routing change (a task opened, closed or the case moved on); absent: `openedAt`. */
  movedAt?: string;
  /** The `movedAt` a case-stalled escalation was raised for: once per quiet period. */
  stallRaisedFor?: string;
  /**
   * The case norm's clocks, on cases that enforce it (`enforcesCaseNorm`) and whose model has a
   * `caseNorm`: empty while the date it is anchored to is missing; stopped when the case ends.
   */
  caseClocks?: TaskClocks;
  /** The migrations to later model versions this case went through, oldest first (issue 16). */
  migrations?: MigrationRecord[];
}

/** One migration of the case: what a repeated Update of the same run answers again. */
export interface MigrationRecord {
  migrationId: string;
  fromVersion: number;
  toVersion: number;
  at: string;
  tasks: TaskMigrationView[];
}

// ---- Updates: each validated first, so a refused request leaves no trace in the history. ----

export interface TaskUpdateInput {
  taskKey: string;
  actor: Actor;
}

export interface UnclaimTaskInput extends TaskUpdateInput {
  /**
   * Set when the platform releases the task because its holder was deactivated, e.g.
   * `Schakel (deactivation of E. van Dijk by Beheerder)`: the timeline names this instead of the holder.
   */
  systemActor?: string;
}

export interface AssignTaskInput extends TaskUpdateInput {
  assignee: { userId: string; organisationId: string | null };
}

export interface CompleteTaskInput extends TaskUpdateInput {
  outcome: string;
  data: CaseData;
}

export interface ReturnTaskInput extends TaskUpdateInput {
  reason: string;
  /** One of the step's declared return-reason categories, for process analysis without free text. */
  category?: string;
}

/**
 * Who may read a piece of free text (a reason, a note, an agreement), stored with it (issue 12):
 * caseworkers of these organisations, and the regisseur only when `regisseur` is set. Operations
 * never read free text.
 */
export interface TextAudience {
  organisations: string[];
  regisseur: boolean;
}

export interface CancelCaseInput {
  actor: Actor;
  reason: string;
}

/** What the regisseur can do, each with a mandatory reason (DESIGN.md §1, issue 5). */
export type RegisseurAction =
  | {
      action: 'reassign';
      taskKey: string;
      partnerId?: string;
      assignee?: { userId: string; organisationId: string | null };
    }
  /** Extend, suspend and resume a task's clocks, or without `taskKey` the case norm's. */
  | { action: 'extend'; taskKey?: string; dueAt: string }
  | { action: 'suspend'; taskKey?: string; waitingFor: 'client' | 'partner' }
  | { action: 'resume'; taskKey?: string }
  | { action: 'remind'; taskKey: string }
  | { action: 'skip'; taskKey: string }
  | { action: 'reopen'; stepId: string }
  | { action: 'close'; endId: string }
  | { action: 'record-agreement'; escalationId?: string }
  | { action: 'resolve'; escalationId: string }
  | { action: 'escalate'; escalationId: string }
  | { action: 'de-escalate'; escalationId: string }
  /** Not the regisseur's: a caseworker of a partner holding the task raises a dispute. */
  | { action: 'disagree'; taskKey: string };

export type RegisseurActionInput = RegisseurAction & { actor: Actor; reason: string };

/**
 * Moves a running case to a later version of its chain's model (issue 16), sent by the migration
 * driver of one run; the dry run sends the same to the preview query.
 */
export interface MigrateCaseInput {
  /** The migration run: a case migrates once per run, however often the Update is repeated. */
  migrationId: string;
  fromVersion: number;
  toVersion: number;
  /** Snapshot of the version the case moves to. */
  model: ReferenceModel;
  mapping: MigrationMapping;
  /** The model owner who started the run, and why (read by the case's partners and the regisseur). */
  actor: Actor;
  reason: string;
}

/** A task on one side of the move: where it is and what its clocks say. */
export interface TaskMigrationPlace {
  stepId: string;
  partnerId: string;
  dueAt: string | null;
  escalationAt: string | null;
  /** Time the norm clock was suspended so far: a move keeps it. */
  suspendedMs: number;
}

/** What a migration does to one task, with its clocks before and after. */
export interface TaskMigrationView {
  taskKey: string;
  action: TaskMove['action'];
  because?: TaskMove['because'];
  before?: TaskMigrationPlace;
  after?: TaskMigrationPlace;
  /** When the (recomputed) norm clock started: the elapsed time a move keeps runs from here. */
  clockStartedAt?: string | null;
}

/**
 * One case's migration: `migratable` (dry run), `migrated`, `already-migrated` (the case is on the
 * target version already, by another run or from the start) or `refused` with the problems.
 */
export interface CaseMigrationView {
  caseId: string;
  outcome: 'migratable' | 'migrated' | 'already-migrated' | 'refused';
  fromVersion: number;
  toVersion: number;
  problems: FailureProblem[];
  tasks: TaskMigrationView[];
}

export interface OpenedTaskView {
  taskKey: string;
  stepId: string;
  partnerId: string;
}

/** What a routing change did, returned to the caller of the Update. */
export interface CaseTransitionResult {
  opened: OpenedTaskView[];
  closed: string[];
  ended?: CaseEnd;
  status: CaseStatus;
}

/** Failure types carried in ApplicationFailure.type; the API maps them to HTTP statuses. */
export const CASE_FAILURE = {
  notFound: 'NotFound',
  forbidden: 'Forbidden',
  conflict: 'Conflict',
  unprocessable: 'Unprocessable',
  /** The read side refused the change for good; the workflow did not make it (the case is flagged). */
  notRecordable: 'NotRecordable',
} as const;
export type CaseFailureType = (typeof CASE_FAILURE)[keyof typeof CASE_FAILURE];

/** Field-level detail of an Unprocessable failure. */
export interface FailureProblem {
  field?: string;
  code: string;
  message: string;
}

// ---- Search attributes: process data only, never personal data. ----
export const CASE_ID_ATTRIBUTE = defineSearchAttributeKey('CaseId', SearchAttributeType.KEYWORD);
export const CHAIN_ID_ATTRIBUTE = defineSearchAttributeKey('ChainId', SearchAttributeType.KEYWORD);
export const MODEL_VERSION_ATTRIBUTE = defineSearchAttributeKey(
  'ModelVersion',
  SearchAttributeType.INT,
);
export const CURRENT_PARTNERS_ATTRIBUTE = defineSearchAttributeKey(
  'CurrentPartners',
  SearchAttributeType.KEYWORD_LIST,
);

// ---- The projection: one activity call per transition, applied in one database transaction. ----

export const CASE_EVENT_TYPES = [
  'case.opened',
  'task.opened',
  'task.claimed',
  'task.unclaimed',
  'task.assigned',
  'task.completed',
  'task.returned',
  'task.cancelled',
  'task.skipped',
  'task.reopened',
  'task.reassigned',
  'task.warning',
  'task.overdue',
  'task.reminded',
  'task.suspended',
  'task.resumed',
  'task.extended',
  'task.due-moved',
  'case.warning',
  'case.overdue',
  'case.suspended',
  'case.resumed',
  'case.extended',
  'case.due-moved',
  'escalation.raised',
  'escalation.level-up',
  'escalation.de-escalated',
  'escalation.resolved',
  'agreement.recorded',
  'case.closed',
  'case.cancelled',
  'case.migrated',
  'task.migrated',
  'note.added',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export interface CaseEventRecord {
  /** `<caseId>:<sequence>`: a retried activity writes it once. */
  eventId: string;
  type: CaseEventType;
  taskKey?: string;
  stepId?: string;
  partnerId?: string;
  actor?: Actor;
  occurredAt: string;
  details: {
    outcome?: string;
    /** Handover data: filtered to each reader's visible fields. */
    data?: CaseData;
    /** Free text of a reason (return, regisseur action, agreement): only for its `audience`. */
    reason?: string;
    /** A return reason's category from the step's declared list: process data everyone may read. */
    reasonCategory?: string;
    /** Free text of a note — case content, only for its `audience`. */
    text?: string;
    /** Who may read `reason` or `text`; everyone else learns only that there is one. */
    audience?: TextAudience;
    assigneeId?: string | null;
    handedOverBy?: string[];
    iteration?: number;
    endId?: string;
    result?: string;
    exitReason?: string;
    action?: string;
    dueAt?: string;
    escalationId?: string;
    level?: number;
    trigger?: string;
    waitingFor?: string;
    /** Who acted when it was the platform itself (a task released at a deactivation). */
    systemActor?: string;
    /** A due date moved (`*.due-moved`): the one before (null: there was none) and the field whose date changed. */
    previousDueAt?: string | null;
    field?: string;
    /** A migration to a later model version: the run and the two versions. */
    migrationId?: string;
    fromVersion?: number;
    toVersion?: number;
    /** Where a migrated task was before. */
    fromStepId?: string;
    fromPartnerId?: string;
  };
}

export interface TaskOpening {
  taskKey: string;
  stepId: string;
  stepName: string;
  partnerId: string;
  iteration: number;
  handedOverBy: string[];
  openedAt: string;
  dueAt: string | null;
  escalationAt: string | null;
}

/** The norm-clock columns of a task or case row; each is written when present. */
export interface ClockChange {
  dueAt?: string | null;
  escalationAt?: string | null;
  suspendedSince?: string | null;
  suspendedMs?: number;
  extended?: boolean;
  warnedAt?: string;
  overdueAt?: string;
}

export interface TaskChange extends ClockChange {
  taskKey: string;
  status?: 'open' | 'completed' | 'skipped' | 'returned' | 'cancelled';
  assigneeId?: string | null;
  claimedAt?: string | null;
  closedAt?: string;
  outcome?: string;
  partnerId?: string;
  /** A migration moved the task to another step of a later model version. */
  stepId?: string;
  stepName?: string;
  modelVersion?: number;
}

/**
 * The case norm's clock on the case row. `enforced` is written once, when the case starts running
 * its norm; `dueAt` null then means the date the norm is anchored to is not in the case yet.
 */
export interface CaseClockChange extends ClockChange {
  enforced?: true;
  /** Written when the case ends: whether it ended by its due date (null: it had none). */
  withinNorm?: boolean | null;
}

/** An escalation row as the regisseur's queue shows it. */
export interface EscalationProjection extends Omit<
  EscalationState,
  'raisedAt' | 'levelSince' | 'levelDueAt'
> {
  raisedAt: string;
  levelSince: string;
  levelDueAt: string | null;
  resolvedAt?: string;
  resolvedBy?: string;
  resolution?: string;
}

export interface CaseProjection {
  caseId: string;
  chainId: string;
  modelVersion: number;
  /** Only in the intake's projection: the case row, written in the same transaction as its first tasks. */
  opening?: CaseOpening;
  events: CaseEventRecord[];
  escalations?: EscalationProjection[];
  opened: TaskOpening[];
  changed: TaskChange[];
  /** Omitted when the case row itself did not change (a claim, a reminder). */
  caseChange?: {
    status: CaseStatus;
    data: CaseData;
    currentPartners: string[];
    end?: CaseEnd;
    closedAt?: string;
  };
  /** The case norm's clock, when it changed. */
  caseClock?: CaseClockChange;
  /** Written to the outbox in the same transaction; a relay hands them to the queue. */
  notifications: NotificationEvent[];
}

export interface CaseOpening extends CaseIntake {
  category: string;
  intensity: Intensity;
  openedBy: Actor;
  openedAt: string;
}

/**
 * The workflow's side of the read side, for the reconciler: what PostgreSQL should show.
 * `inFlight` is true while a transition is being projected (the two may then differ for a moment).
 */
export interface ReadSideExpectation {
  status: CaseStatus;
  sequence: number;
  inFlight: boolean;
  held: boolean;
  tasks: {
    taskKey: string;
    status: TaskChange['status'];
    partnerId: string;
    assigneeId: string | null;
  }[];
}

export interface CaseActivities {
  /**
   * Writes one durably decided transition to PostgreSQL (rows, event log, outbox) in one transaction.
   * Fails with a non-retryable `ProjectionRejected` when the database refuses the data for good.
   */
  projectCase(projection: CaseProjection): Promise<void>;
}

/** The type of the non-retryable failure a projection raises when the read side refuses it for good. */
export const PROJECTION_REJECTED = 'ProjectionRejected';

// ---- Names for the client side (the API imports these, never the workflow code). ----
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

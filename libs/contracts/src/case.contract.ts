import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type {
  CaseData,
  CaseEnd,
  Intensity,
  ReferenceModel,
  RoutingState,
} from '@schakel/reference-model/engine';

/** Deterministic workflow id: one workflow per case. */
export const caseWorkflowId = (caseId: string): string => `case-${caseId}`;

/** Who acts, as the API established it from the bearer token. */
export interface Actor {
  userId: string;
  role: 'caseworker' | 'regisseur' | 'operations' | 'admin';
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
  /** Continue-as-new once history passes this many events. */
  historyLimit?: number;
  /** State carried over by continue-as-new. */
  carried?: CaseWorkflowState;
}

/** Who holds a task and its times; routing (status, outcome) lives in the routing state. */
export interface TaskHolder {
  assigneeId: string | null;
  openedAt: string;
  claimedAt: string | null;
  closedAt: string | null;
}

export type CaseStatus = 'open' | 'closed' | 'cancelled';

export interface CaseWorkflowState {
  routing: RoutingState;
  status: CaseStatus;
  openedAt: string;
  /** Per task (by task key): who holds it and since when. */
  holders: Record<string, TaskHolder>;
  /** Next event sequence number, for deterministic event ids. */
  sequence: number;
}

// ---- Updates: each validated first, so a refused request leaves no trace in the history. ----

export interface TaskUpdateInput {
  taskKey: string;
  actor: Actor;
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
}

export interface CancelCaseInput {
  actor: Actor;
  reason: string;
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

export type CaseEventType =
  | 'case.opened'
  | 'task.opened'
  | 'task.claimed'
  | 'task.unclaimed'
  | 'task.assigned'
  | 'task.completed'
  | 'task.returned'
  | 'task.cancelled'
  | 'case.closed'
  | 'case.cancelled'
  | 'note.added';

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
    /** Reasons (return, cancel) — process information the regisseur may read. */
    reason?: string;
    /** Free text of a note — case content. */
    text?: string;
    assigneeId?: string | null;
    handedOverBy?: string[];
    iteration?: number;
    endId?: string;
    result?: string;
    exitReason?: string;
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

export interface TaskChange {
  taskKey: string;
  status?: 'open' | 'completed' | 'skipped' | 'returned' | 'cancelled';
  assigneeId?: string | null;
  claimedAt?: string | null;
  closedAt?: string;
  outcome?: string;
  partnerId?: string;
}

export interface CaseProjection {
  caseId: string;
  chainId: string;
  modelVersion: number;
  events: CaseEventRecord[];
  opened: TaskOpening[];
  changed: TaskChange[];
  caseChange: {
    status: CaseStatus;
    data: CaseData;
    currentPartners: string[];
    end?: CaseEnd;
    closedAt?: string;
  };
}

export interface CaseActivities {
  projectCase(projection: CaseProjection): Promise<void>;
}

// ---- Names for the client side (the API imports these, never the workflow code). ----
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

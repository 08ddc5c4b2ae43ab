/** Shapes of the Schakel API as the console uses them (see /api/docs-json). */
import type { components } from './schema';

/** An action the server offers the caller now: allowed, or not with the reason it would refuse. */
export type ActionVerdict = components['schemas']['ActionDto'];
export type ActionName = ActionVerdict['action'];
export type RefusalCode = NonNullable<ActionVerdict['reason']>;

/**
 * What the caller may do now, as the server judges it (task: claim, unclaim, assign, complete,
 * return, disagree; case and escalation: the regisseur's actions). `actionsUnavailable`: the case
 * engine did not answer in time, so they are unknown for now.
 */
export interface OfferedActions {
  actions: ActionVerdict[];
  actionsUnavailable?: boolean;
}

export type UserRole = 'caseworker' | 'regisseur' | 'operations' | 'admin';

/** Every role a person can be granted; `UserRole` are the primary roles the console has pages for. */
export type GrantRole = UserRole | 'model-owner';

/** A role held in one scope: an organisation (caseworker) or a chain (null: every chain). */
export interface RoleGrant {
  role: GrantRole;
  organisationId: string | null;
  chainId: string | null;
}

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  organisationId: string | null;
  grants: RoleGrant[];
}

export interface Token {
  accessToken: string;
  expiresIn: number;
  tokenType: string;
}

export interface ModelProblem {
  code: string;
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export interface ValidationReport {
  valid: boolean;
  problems: ModelProblem[];
}

export interface ModelVersionSummary {
  chainId: string;
  version: number;
  chainName: string;
  partnerIds: string[];
  status: 'published' | 'retired';
  publishedAt: string;
  publishedBy: string;
}

export interface ChainModels {
  chainId: string;
  chainName: string;
  currentVersion: number | null;
  versions: ModelVersionSummary[];
}

export interface Draft {
  chainId: string;
  chainName: string;
  sourceFormat: 'yaml' | 'json';
  basedOnVersion: number | null;
  updatedAt: string;
  valid: boolean;
  problems: ModelProblem[];
}

export type FieldType = 'string' | 'number' | 'boolean' | 'date' | 'enum';

export interface Duration {
  amount: number;
  unit: 'workingDays' | 'calendarDays' | 'weeks' | 'hours';
}

/** The parts of a reference model (docs/reference-model.md) the console draws. */
export interface ReferenceModel {
  chain: { id: string; name: string; purpose: string };
  partners: { id: string; name: string; roles: string[] }[];
  fields: { id: string; label: string; type: FieldType; values?: EnumValue[] }[];
  steps: {
    id: string;
    name: string;
    partner: string;
    alternativePartners?: string[];
    instructions: string;
    outcomes: { id: string; label: string }[];
    returnReasons?: { id: string; label: string }[];
    norm?: {
      target?: Duration;
      escalation?: Duration;
      targetShare?: number;
      /** The terms count from or back to this date field of the case. */
      anchor?: { field: string; direction: 'before' | 'after' };
    };
  }[];
  /** The norm of the case as a whole: what the regisseur may do with its clock. */
  caseNorm?: { suspendable?: boolean; extendable?: boolean };
  gateways?: { id: string; type: 'parallelSplit' | 'parallelJoin' | 'exclusive'; name?: string }[];
  routes: {
    id?: string;
    from: string;
    to: string;
    on?: string;
    when?: string;
    rework?: { maxIterations: number };
  }[];
  ends: { id: string; name: string; result: string }[];
  intake: {
    categories: { id: string; name: string; intensity: Intensity }[];
    form: { field: string; required: boolean }[];
  };
}

export const INTENSITIES = ['align', 'coordinate', 'integrate'] as const;
export type Intensity = (typeof INTENSITIES)[number];

export type TaskStatus = 'open' | 'completed' | 'skipped' | 'returned' | 'cancelled';

export interface InboxItem {
  id: string;
  caseId: string;
  caseNumber?: number;
  /** The client's chain pseudonym. */
  clientReference?: string;
  taskKey: string;
  chainId: string;
  modelVersion: number;
  stepId: string;
  stepName: string;
  partnerId: string;
  assigneeId: string | null;
  status: TaskStatus;
  iteration: number;
  openedAt: string;
  claimedAt: string | null;
  dueAt: string | null;
  escalationAt: string | null;
  overdue?: boolean;
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

export type InboxView = 'open' | 'mine' | 'unassigned';
export type InboxSort = 'due' | '-due' | 'opened' | '-opened';

export interface InboxQuery {
  view: InboxView;
  sort: InboxSort;
  chainId?: string;
  stepId?: string;
  dueBefore?: string;
  cursor?: string;
}

/** An enum value with its display label; a model may also write a value plain. */
export interface Choice {
  id: string;
  label: string;
}
export type EnumValue = string | Choice;

export interface StepFormField {
  field: string;
  label: string;
  type: FieldType;
  required: boolean;
  values?: Choice[];
  description?: string;
}

export type CaseData = Record<string, string | number | boolean | null>;

export interface TaskDetail extends OfferedActions {
  task: InboxItem;
  case: {
    id: string;
    number: number;
    chainId: string;
    modelVersion: number;
    status: string;
    clientQuestion: string;
    clientReference: string;
    data: CaseData;
    fields?: StepFormField[];
  };
  step: {
    id: string;
    name: string;
    instructions: string;
    outcomes: { id: string; label: string }[];
    form: StepFormField[];
    handsOver?: string[];
    /** Categories a return of this step's handover may give. */
    returnReasons?: { id: string; label: string }[];
    /** Set when the due date counts from or back to a date in the case. */
    dueFrom?: { field: string; label: string; direction: 'before' | 'after' };
  };
}

export interface Colleague {
  id: string;
  username: string;
  displayName: string;
}

export interface TimelineEntry {
  type: string;
  taskKey: string | null;
  stepId: string | null;
  partnerId: string | null;
  actorId: string | null;
  actorRole: string | null;
  actorOrganisation: string | null;
  occurredAt: string;
  details: Record<string, unknown>;
  /** An entry of a confidential step of another partner: that a partner works on the case. */
  confidential?: boolean;
}

export type CaseNormState =
  | 'awaiting-date'
  | 'running'
  | 'suspended'
  | 'extended'
  | 'overdue'
  | 'met'
  | 'missed'
  | 'unmeasured';

/** The case norm's clock: the lead time of the whole case. */
export interface CaseNorm {
  state: CaseNormState;
  dueAt: string | null;
  escalationAt: string | null;
  suspendedSince: string | null;
  suspendedMs: number;
  extended: boolean;
}

export interface CaseSummary {
  id: string;
  number: number;
  chainId: string;
  modelVersion: number;
  category: string;
  intensity: string;
  status: 'open' | 'closed' | 'cancelled';
  currentPartners: string[];
  openedAt: string;
  closedAt: string | null;
  /** Null: the model has no case norm, or the case started before it ran. */
  norm: CaseNorm | null;
}

/** A task of the case; a confidential step of another partner comes without id, step and partner. */
export interface CaseTask {
  id: string | null;
  taskKey: string | null;
  stepId: string | null;
  stepName: string;
  partnerId: string | null;
  confidential?: boolean;
  status: TaskStatus;
  assigneeId: string | null;
  iteration: number;
  openedAt: string;
  closedAt: string | null;
  dueAt: string | null;
  escalationAt: string | null;
  /** Set while the task's clock is suspended. */
  suspendedSince?: string | null;
}

/** A task the reader may know the step and partner of (the regisseur knows every task). */
export type KnownCaseTask = CaseTask & {
  id: string;
  taskKey: string;
  stepId: string;
  partnerId: string;
};

export const isKnownTask = (task: CaseTask): task is KnownCaseTask =>
  task.id !== null && task.taskKey !== null && task.stepId !== null && task.partnerId !== null;

/** A case as GET /cases/:id shows it; content only for caseworkers of an involved organisation. */
export interface CaseView extends CaseSummary, OfferedActions {
  clientQuestion?: string;
  clientReference?: string;
  tasks: CaseTask[];
}

export interface OpenCaseRequest {
  chainId: string;
  category: string;
  intensity?: Intensity;
  clientQuestion: string;
  clientReference: string;
  data: CaseData;
}

/** What a transition did: the tasks it opened (and closed), and the end it reached. */
export interface Transition {
  opened: { taskKey: string; stepId: string; partnerId: string }[];
  closed: string[];
  status: 'open' | 'closed' | 'cancelled';
}

export interface OpenedCase {
  case: CaseView;
  transition: Transition;
}

export interface CasePage {
  items: CaseSummary[];
  total: number;
}

/**
 * The collaboration reference model (samenwerkingsreferentiemodel), format version 1.
 * These types mirror `reference-model.schema.ts`; a model that passes `validateModel` has this shape.
 * Plain JSON only, so a model can be snapshotted into a Temporal workflow.
 */

export const SCHEMA_VERSION = 1;

/** Reserved node id for the start event: routes `from: start` leave it. */
export const START = 'start';

export type Intensity = 'align' | 'coordinate' | 'integrate';
export const INTENSITIES: readonly Intensity[] = ['align', 'coordinate', 'integrate'];

/** `weeks` are counted as 7 calendar days each. */
export type TimeUnit = 'workingDays' | 'calendarDays' | 'weeks' | 'hours';
export type FieldType = 'string' | 'number' | 'boolean' | 'date' | 'enum';
export type EndResult = 'solved' | 'referred' | 'droppedOut' | 'closed';
export type GatewayType = 'parallelSplit' | 'parallelJoin' | 'exclusive';
export type ClockStart = 'taskOpened' | 'taskClaimed' | 'caseOpened' | 'stepCompleted';

export interface ReferenceModel {
  schemaVersion: typeof SCHEMA_VERSION;
  chain: Chain;
  partners: Partner[];
  fields: FieldDefinition[];
  intake: Intake;
  steps: Step[];
  gateways?: Gateway[];
  routes: Route[];
  ends: End[];
  caseNorm?: Norm;
  escalation: Escalation;
}

export interface Chain {
  id: string;
  name: string;
  purpose: string;
  /** Legal framework(s), informative only. */
  legalBasis?: string[];
}

export interface Partner {
  id: string;
  name: string;
  /** Roles this partner may act in, e.g. `fixed-costs-partner`. */
  roles: string[];
}

/** A value with a display label: the id is stored and compared, the label is shown. */
export interface Choice {
  id: string;
  label: string;
}

/** An enum value: a plain id (shown as is) or a `Choice` with a label. */
export type EnumValue = string | Choice;

export interface FieldDefinition {
  id: string;
  label: string;
  type: FieldType;
  /** Allowed values, plain or with a display label; required for (and only for) `enum`. */
  values?: EnumValue[];
  /** Personal data (AVG/GDPR): shown only where a step may see it. */
  personal?: boolean;
  description?: string;
}

export interface IntakeCategory {
  id: string;
  name: string;
  /** Default intensity of collaboration for this category; a case may override it at start. */
  intensity: Intensity;
  description?: string;
}

export interface FormField {
  field: string;
  required: boolean;
}

export interface Intake {
  categories: IntakeCategory[];
  form: FormField[];
}

export interface Outcome {
  id: string;
  label: string;
}

/** A partner that contributes to a joint step: it gets its own task within the step. */
export interface Contributor {
  partner: string;
  /** The role the partner acts in; must be one of its roles. */
  role?: string;
  /** What this contributor does; defaults to the step's instructions. */
  instructions?: string;
  /** Data the contribution collects (default none); the lead and the other contributors see it. */
  form?: FormField[];
}

export interface Step {
  id: string;
  name: string;
  /** Responsible partner; the lead of a joint step. */
  partner: string;
  /** Other partners working on this step with the lead, each in a task of its own. */
  contributors?: Contributor[];
  /** The role the partner acts in for this step; must be one of the partner's roles. */
  role?: string;
  /** Partners the regisseur may reassign the task to. */
  alternativePartners?: string[];
  instructions: string;
  outcomes: Outcome[];
  /** Outcome used when the regisseur skips the step; defaults to the first outcome. */
  onSkip?: string;
  form: FormField[];
  /** Case data this step may see besides its own form fields (need-to-know). */
  sees: string[];
  /** Case data that must be present when this step hands over. */
  handsOver: string[];
  /** How often the handover into this step may be returned before it escalates. */
  maxReturns?: number;
  /** Categories a return of the handover into this step may give, e.g. `wrong-partner`. */
  returnReasons?: Outcome[];
  /**
   * Sensitive step (e.g. mental-health care): other partners see only that "a partner is working
   * on the case", not which partner or step. The regisseur still sees it.
   */
  confidential?: boolean;
  norm?: Norm;
}

export interface Duration {
  amount: number;
  unit: TimeUnit;
}

/**
 * A norm counted from or back to a date in the case data, e.g. due 10 working days `before` the
 * release date, or 5 working days `after` the date of entry. Without the date there is no due date.
 */
export interface NormAnchor {
  /** A field of type `date`. */
  field: string;
  direction: 'before' | 'after';
}

export interface NormTerms {
  /** Must be claimed within. */
  claim?: Duration;
  /** Target lead time. */
  target?: Duration;
  /** Escalation threshold; not before the target. */
  escalation?: Duration;
  /** Whether the Algemene termijnenwet applies (statutory terms only). */
  atw?: boolean;
  startsAt?: ClockStart;
  /** Step whose completion starts the clock; required when `startsAt: stepCompleted`. */
  afterStep?: string;
  /** Terms counted from or back to a date in the case instead of from `startsAt`. */
  anchor?: NormAnchor;
  suspendable?: boolean;
  extendable?: boolean;
  /** Upper bound of one extension, when `extendable`. */
  maxExtension?: Duration;
  /** Share of cases that should meet the target, e.g. 0.9. */
  targetShare?: number;
}

export interface Norm extends NormTerms {
  /** Partial overrides applied when the case runs at that intensity. */
  byIntensity?: Partial<Record<Intensity, NormTerms>>;
}

export interface Gateway {
  id: string;
  type: GatewayType;
  name?: string;
  /** For a `parallelSplit`: the `parallelJoin` that waits for all its branches. */
  join?: string;
}

export interface Rework {
  maxIterations: number;
  /**
   * For a loop back into a parallel split: the branches (the steps or gateways the split's routes
   * lead to) that open again; the join then waits for those only. Absent: the split opens as usual.
   */
  branches?: string[];
}

export interface Route {
  id?: string;
  /** A step, a gateway or `start`. */
  from: string;
  /** A step, a gateway or an end. */
  to: string;
  /** Outcome of the `from` step this route applies to. */
  on?: string;
  /** Condition in the expression language, e.g. `data.crisis == true`. */
  when?: string;
  /** Marks a loop back to an earlier step, taken at most `maxIterations` times per case. */
  rework?: Rework;
}

export interface End {
  id: string;
  name: string;
  result: EndResult;
  /** Reason for leaving; required when `result: droppedOut`. */
  exitReason?: string;
}

export interface EscalationLevel {
  level: number;
  name: string;
  /** Role or body that owns this level, e.g. `regisseur`, `regional-board`. */
  owner: string;
  /** Who is notified besides the owner. */
  notify?: string[];
  timeBox: Duration;
}

export interface Escalation {
  ladder: EscalationLevel[];
  /** Raise `case-stalled` when no task opened or closed in the case for this long. */
  stalledAfter?: Duration;
}

/** Case data: field id to value. Dates are ISO `YYYY-MM-DD` strings. */
export type FieldValue = string | number | boolean | null;
export type CaseData = Record<string, FieldValue>;

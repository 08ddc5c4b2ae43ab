/**
 * A migration plan: how the open work of running cases on one published version of a chain moves
 * to a later version (issue 16). Plain JSON, so it can be stored, versioned and sent to a case
 * workflow with the new model snapshot.
 */

/** Where an entry came from: generated from the two versions, or written by the model owner. */
export type MappingOrigin = 'generated' | 'owner';

export interface StepMapping {
  /** A step of the old version. */
  from: string;
  /**
   * Steps of the new version its open tasks go to. One: the task is kept there (same id) or moved
   * (keeping its key, holder, clocks' start and suspended time). Several: the first steps of the
   * branches of one parallel split — the task takes the first, a new task opens on each other.
   * None: open tasks of the step are cancelled.
   */
  to: string[];
  /**
   * The partner that holds a moved task. Default: the new step's responsible partner when the task
   * was with the old step's responsible partner; otherwise (the regisseur had reassigned it) its
   * current holder, if the new step allows them.
   */
  partner?: string;
  origin: MappingOrigin;
}

export interface GatewayMapping {
  /** A gateway of the old version. */
  from: string;
  /** Its counterpart in the new version (same type), or null when it has none. */
  to: string | null;
  origin: MappingOrigin;
}

/**
 * Case data that a partner may see under the new version and could not under the old one, which
 * the owner accepts for running cases (the partners agreed to it). Without it the plan is invalid.
 */
export interface DataExposure {
  step: string;
  partner: string;
  fields: string[];
}

/** A task someone has claimed that the plan hands to another partner: refuse the case, or move it. */
export type ClaimedWorkPolicy = 'refuse' | 'reassign';

export interface MigrationMapping {
  steps: StepMapping[];
  gateways: GatewayMapping[];
  exposures: DataExposure[];
  claimedWork: ClaimedWorkPolicy;
}

export const MIGRATION_PROBLEM_CODES = [
  // the plan
  'unmapped-step',
  'unknown-step',
  'duplicate-mapping',
  'invalid-split-mapping',
  'unknown-partner',
  'partner-not-allowed',
  'unmapped-gateway',
  'unknown-gateway',
  'gateway-type-changed',
  'join-branch-lost',
  'data-exposure',
  // one case
  'unknown-category',
  'claimed-work',
  'join-lost',
  'branch-lost',
  'return-target-removed',
  'no-open-work',
] as const;
export type MigrationProblemCode = (typeof MIGRATION_PROBLEM_CODES)[number];

export interface MigrationProblem {
  code: MigrationProblemCode;
  /** JSON pointer into the mapping (`/steps/2/to/0`), or `/tasks/<taskKey>` for a case's task. */
  path: string;
  /** Written for the model owner, naming the ids involved. */
  message: string;
}

import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AssignTaskInput,
  CancelCaseInput,
  CaseMigrationView,
  CaseTransitionResult,
  CaseWorkflowState,
  CompleteTaskInput,
  MigrateCaseInput,
  ReadSideExpectation,
  RegisseurActionInput,
  ReturnTaskInput,
  TaskUpdateInput,
  UnclaimTaskInput,
} from './case.contract';
import type { ActionsRequest, ActionVerdict } from './case-actions.contract';

/** Returns once the intake's first tasks are projected, so the caller can read them right away. */
export const caseOpenedUpdate = defineUpdate<CaseTransitionResult, []>('caseOpenedUpdate');
export const claimTaskUpdate = defineUpdate<CaseTransitionResult, [TaskUpdateInput]>(
  'claimTaskUpdate',
);
export const unclaimTaskUpdate = defineUpdate<CaseTransitionResult, [UnclaimTaskInput]>(
  'unclaimTaskUpdate',
);
export const assignTaskUpdate = defineUpdate<CaseTransitionResult, [AssignTaskInput]>(
  'assignTaskUpdate',
);
export const completeTaskUpdate = defineUpdate<CaseTransitionResult, [CompleteTaskInput]>(
  'completeTaskUpdate',
);
export const returnTaskUpdate = defineUpdate<CaseTransitionResult, [ReturnTaskInput]>(
  'returnTaskUpdate',
);
export const cancelCaseUpdate = defineUpdate<CaseTransitionResult, [CancelCaseInput]>(
  'cancelCaseUpdate',
);
export const regisseurActionUpdate = defineUpdate<CaseTransitionResult, [RegisseurActionInput]>(
  'regisseurActionUpdate',
);
export const caseStateQuery = defineQuery<CaseWorkflowState>('caseStateQuery');
/** The actions a caller may take now, judged by the Updates' own checks (case-actions.ts). */
export const caseActionsQuery = defineQuery<ActionVerdict[], [ActionsRequest]>('caseActionsQuery');
/** The reconciler's view: what the read side should show, and whether a projection is in flight. */
export const readSideQuery = defineQuery<ReadSideExpectation>('readSideQuery');
/** Re-projects the whole current state (rows, not events): the reconciler's repair of drift. */
export const resyncReadSideUpdate = defineUpdate<CaseTransitionResult, []>('resyncReadSideUpdate');
/** An operator resumes the clocks of a case whose timed transition the read side refused. */
export const releaseHoldSignal = defineSignal<[]>('releaseHoldSignal');
/** Moves the case to a later model version along a migration plan (issue 16); validated first. */
export const migrateCaseUpdate = defineUpdate<CaseMigrationView, [MigrateCaseInput]>(
  'migrateCaseUpdate',
);
/** The dry run of a migration: what `migrateCaseUpdate` would do now, changing nothing. */
export const migrationPreviewQuery = defineQuery<CaseMigrationView, [MigrateCaseInput]>(
  'migrationPreviewQuery',
);

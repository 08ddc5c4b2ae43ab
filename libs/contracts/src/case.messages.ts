import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AssignTaskInput,
  CancelCaseInput,
  CaseTransitionResult,
  CaseWorkflowState,
  CompleteTaskInput,
  RegisseurActionInput,
  ReturnTaskInput,
  TaskUpdateInput,
} from './case.contract';

/** Returns once the intake's first tasks are projected, so the caller can read them right away. */
export const caseOpenedUpdate = defineUpdate<CaseTransitionResult, []>('caseOpenedUpdate');
export const claimTaskUpdate = defineUpdate<CaseTransitionResult, [TaskUpdateInput]>(
  'claimTaskUpdate',
);
export const unclaimTaskUpdate = defineUpdate<CaseTransitionResult, [TaskUpdateInput]>(
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

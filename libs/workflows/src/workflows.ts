// The workflow bundle's entry: every workflow the worker registers. Deterministic code only.
export { caseWorkflow } from './case/case.workflow';
export { smokeWorkflow } from './smoke.workflow';
export { caseMigrationRunWorkflow } from './migration/case-migration-run.workflow';

// The workflow bundle's entry: every workflow the worker registers. Deterministic code only.
export { smokeWorkflow } from './smoke.workflow';

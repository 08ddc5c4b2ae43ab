// Everything a Temporal workflow needs, free of the parser, ajv and yaml: import this entry
// (`@schakel/reference-model/engine`) from workflow code to keep the sandbox bundle small.
export * from '../model/reference-model.types';
export * from '../model/choices';
export * from '../expression';
export * from './effective-norms';
export * from './joint-steps';
export * from './routing-engine';
export * from './routing-error';
export * from './routing-state';
export * from './step-submission';
export * from './visible-fields';

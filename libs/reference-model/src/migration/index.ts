// Moving running cases to a later model version (issue 16). Pure, so the case workflow can import
// it (`@schakel/reference-model/migration`) as well as the API.
export * from './migration-plan.types';
export * from './generate-plan';
export * from './validate-plan';
export * from './migrate-routing';

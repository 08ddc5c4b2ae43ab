/** Moving a chain's running cases to a later model version (issue 16): the model owner's API. */
import { once, type HttpClient } from './http-client';
import type { components } from './schema';

/** As the API documents them (schema.d.ts, generated from the OpenAPI document). */
export type MigrationPlan = components['schemas']['MigrationPlanDto'];
export type StepMappingEdit = components['schemas']['StepMappingEditDto'];
export type DryRun = components['schemas']['DryRunDto'];
export type CaseMigration = components['schemas']['CaseMigrationDto'];
export type TaskMigration = components['schemas']['TaskMigrationDto'];
export type MigrationRun = components['schemas']['MigrationRunDto'];
export type MigrationRunDetail = components['schemas']['MigrationRunDetailDto'];
export type MigrationProgress = components['schemas']['MigrationProgressDto'];

const chain = (chainId: string) => `/models/${encodeURIComponent(chainId)}`;

export const migrationsApi = {
  plans: (http: HttpClient, chainId: string) =>
    http.get<MigrationPlan[]>(`${chain(chainId)}/migration-plans`),
  /** A new revision: the generated mapping with these edits laid over it. */
  savePlan: (
    http: HttpClient,
    chainId: string,
    plan: { fromVersion: number; toVersion: number; steps?: StepMappingEdit[] },
  ) => http.post<MigrationPlan>(`${chain(chainId)}/migration-plans`, plan, once()),
  dryRun: (http: HttpClient, chainId: string, planId: string) =>
    http.post<DryRun>(`${chain(chainId)}/migration-plans/${planId}/dry-run`, {}),
  /** `key` stays the same across the owner's repeated clicks, so one run starts. */
  startRun: (http: HttpClient, chainId: string, planId: string, reason: string, key: string) =>
    http.post<MigrationRun>(
      `${chain(chainId)}/migration-plans/${planId}/runs`,
      { reason },
      once(key),
    ),
  runs: (http: HttpClient, chainId: string) =>
    http.get<MigrationRun[]>(`${chain(chainId)}/migration-runs`),
  run: (http: HttpClient, chainId: string, runId: string) =>
    http.get<MigrationRunDetail>(`${chain(chainId)}/migration-runs/${runId}`),
};

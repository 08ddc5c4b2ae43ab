import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  bundleWorkflowCode,
  DefaultLogger,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from './codec/data-converter';

/**
 * Bundles workflow code from TypeScript sources, resolving the @schakel/* path aliases that the
 * compiled output has already rewritten. Used by tests and tools that run from source. The bundle
 * carries the encrypting failure converter, as a worker with the encrypted data converter needs.
 */
export function bundleWorkflowsFromSource(
  workflowsPath: string,
  repositoryRoot: string,
): Promise<WorkflowBundleWithSourceMap> {
  const libs = join(repositoryRoot, 'libs');
  const alias = Object.fromEntries(
    readdirSync(libs).map((name) => [`@schakel/${name}`, resolve(libs, name, 'src')]),
  );
  return bundleWorkflowCode({
    workflowsPath,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias ?? {}), ...alias } },
    }),
  });
}

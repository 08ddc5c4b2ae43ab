import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parse } from 'yaml';
import { EnvironmentVariables } from '@schakel/config';
import { REPOSITORY_ROOT } from './test-environment';

/** Reads and checks the deployment files (compose file, Kubernetes manifests) the way their tools would. */

export function readRepositoryFile(path: string): string {
  return readFileSync(join(REPOSITORY_ROOT, path), 'utf8');
}

/** One YAML document, with `<<` merge keys resolved as docker compose resolves them. */
export function readYaml<T>(path: string): T {
  return parse(readRepositoryFile(path), { merge: true }) as T;
}

/** Every variable the apps validate at boot (libs/config/src/app-config.ts). */
export const APP_VARIABLES = new Set(
  getMetadataStorage()
    .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
    .map((metadata) => metadata.propertyName),
);

/** The process each Schakel entry point runs, as the compose file and the manifests call it. */
export const SCHAKEL_ENTRY_POINTS = {
  migrate: 'dist/apps/api/src/prepare.js',
  api: 'dist/apps/api/src/main.js',
  worker: 'dist/apps/worker/src/main.js',
  relay: 'dist/apps/relay/src/main.js',
  reconciler: 'dist/apps/reconciler/src/main.js',
} as const;

/** `KEY=value` lines of a dotenv file; comments and blank lines skipped. */
export function parseDotenv(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const equals = line.indexOf('=');
        if (equals < 1) throw new Error(`not a KEY=value line: ${line}`);
        return [line.slice(0, equals), line.slice(equals + 1)];
      }),
  );
}

const INTERPOLATION = /\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\})/g;

/** The variables a compose file interpolates, with whether each must be set (`${NAME:?message}`). */
export function interpolatedVariables(text: string): Map<string, { required: boolean }> {
  const found = new Map<string, { required: boolean }>();
  for (const match of text.matchAll(INTERPOLATION)) {
    const [, escaped, name, , operator] = match;
    if (escaped === '$' || !name) continue;
    const required = operator === '?' || (found.get(name)?.required ?? false);
    found.set(name, { required });
  }
  return found;
}

/** Compose's interpolation: `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}`, `$$`. */
export function interpolate(value: string, variables: Record<string, string>): string {
  return value.replace(
    INTERPOLATION,
    (whole, escaped: string, name: string, colon: string, operator: string, argument: string) => {
      if (escaped === '$') return '$';
      const current = variables[name];
      const missing = current === undefined || (colon === ':' && current === '');
      if (!missing) return current;
      if (operator === '?') throw new Error(`${name}: ${argument || 'required'}`);
      return operator === '-' ? argument : '';
    },
  );
}

/** Interpolates every string in a parsed YAML tree. */
export function interpolateTree<T>(tree: T, variables: Record<string, string>): T {
  if (typeof tree === 'string') return interpolate(tree, variables) as T;
  if (Array.isArray(tree))
    return tree.map((item: unknown) => interpolateTree(item, variables)) as T;
  if (tree && typeof tree === 'object')
    return Object.fromEntries(
      Object.entries(tree).map(([key, item]) => [key, interpolateTree(item, variables)]),
    ) as T;
  return tree;
}

/** The case search attributes that deploy/kubernetes/base/temporal/setup-namespace.sh registers. */
export function searchAttributesOfSetupScript(): Record<string, string> {
  const script = readRepositoryFile('deploy/kubernetes/base/temporal/setup-namespace.sh');
  const list = /for attribute in ([^;]+);/.exec(script)?.[1] ?? '';
  return Object.fromEntries(
    list
      .trim()
      .split(/\s+/)
      .map((pair) => pair.split('=')),
  );
}

import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';

/**
 * Renders a kustomization the way `kustomize build` does, for the subset of kustomize the manifests in
 * deploy/kubernetes use, so `npm test` can validate what an operator applies without kubectl or
 * kustomize: resources (files and kustomization folders), namespace, images, configMapGenerator with
 * files (generatorOptions.disableNameSuffixHash and labels) and JSON 6902 patches selected by kind and
 * name (regular expressions, as kustomize matches them). Any other field is refused by name, so the
 * manifests cannot drift into features this renderer would silently ignore.
 *
 *   node -r @swc-node/register scripts/deploy/kustomize.ts deploy/kubernetes/overlays/example
 */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { path: string; target: { kind?: string; name?: string } }[];
  configMapGenerator?: { name: string; files: string[] }[];
  generatorOptions?: { disableNameSuffixHash?: boolean; labels?: Record<string, string> };
}

type PatchOperation = { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown };

const SUPPORTED = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'images',
  'patches',
  'configMapGenerator',
  'generatorOptions',
]);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);

function readDocuments(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

function pointer(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** RFC 6902 add, replace and remove; a path that does not exist is an error, as in kustomize. */
export function applyJsonPatch(target: unknown, operations: PatchOperation[], where: string): void {
  for (const { op, path, value } of operations) {
    const keys = pointer(path);
    const last = keys.pop() as string;
    let parent = target as Record<string, unknown> | unknown[];
    for (const key of keys) {
      const next = (parent as Record<string, unknown>)[key];
      if (next === undefined || next === null || typeof next !== 'object')
        throw new Error(`${where}: ${op} ${path}: ${key} does not exist`);
      parent = next as Record<string, unknown> | unknown[];
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (
        !Number.isInteger(index) ||
        index > parent.length ||
        (op !== 'add' && index >= parent.length)
      )
        throw new Error(`${where}: ${op} ${path}: no index ${last}`);
      if (op === 'add') parent.splice(index, 0, structuredClone(value));
      else if (op === 'replace') parent[index] = structuredClone(value);
      else parent.splice(index, 1);
    } else {
      if (op !== 'add' && !(last in parent))
        throw new Error(`${where}: ${op} ${path}: ${last} does not exist`);
      if (op === 'remove') delete parent[last];
      else parent[last] = structuredClone(value);
    }
  }
}

function matches(pattern: string | undefined, value: string): boolean {
  return pattern === undefined || new RegExp(`^(?:${pattern})$`).test(value);
}

function containersOf(manifest: Manifest): { image?: string }[] {
  const spec = manifest.spec as { template?: { spec?: Record<string, unknown> } } | undefined;
  const pod = spec?.template?.spec;
  if (!pod) return [];
  return [...((pod.initContainers as []) ?? []), ...((pod.containers as []) ?? [])];
}

export function render(folder: string): Manifest[] {
  const root = resolve(folder);
  const kustomization = parse(
    readFileSync(join(root, 'kustomization.yaml'), 'utf8'),
  ) as Kustomization;
  const unsupported = Object.keys(kustomization).filter((field) => !SUPPORTED.has(field));
  if (unsupported.length > 0)
    throw new Error(`${root}: kustomization fields not supported here: ${unsupported.join(', ')}`);

  const manifests: Manifest[] = [];
  for (const resource of kustomization.resources ?? []) {
    const path = join(root, resource);
    if (!existsSync(path)) throw new Error(`${root}: resource ${resource} does not exist`);
    manifests.push(...(statSync(path).isDirectory() ? render(path) : readDocuments(path)));
  }

  const options = kustomization.generatorOptions ?? {};
  for (const generator of kustomization.configMapGenerator ?? []) {
    if (!options.disableNameSuffixHash)
      throw new Error(`${root}: configMapGenerator needs generatorOptions.disableNameSuffixHash`);
    manifests.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: generator.name, labels: options.labels },
      data: Object.fromEntries(
        generator.files.map((file) => [basename(file), readFileSync(join(root, file), 'utf8')]),
      ),
    });
  }

  for (const { path, target } of kustomization.patches ?? []) {
    const operations = parse(readFileSync(join(root, path), 'utf8')) as PatchOperation[];
    if (!Array.isArray(operations))
      throw new Error(
        `${root}: ${path} is not a JSON 6902 patch (strategic merge is not supported)`,
      );
    const selected = manifests.filter(
      (manifest) =>
        matches(target.kind, manifest.kind) && matches(target.name, manifest.metadata.name),
    );
    if (selected.length === 0) throw new Error(`${root}: ${path} matches no resource`);
    for (const manifest of selected)
      applyJsonPatch(manifest, operations, `${path} on ${manifest.kind}/${manifest.metadata.name}`);
  }

  for (const image of kustomization.images ?? []) {
    for (const container of manifests.flatMap(containersOf)) {
      const [name, tag] = (container.image ?? '').split(':');
      if (name !== image.name) continue;
      container.image = `${image.newName ?? name}${image.newTag ? `:${image.newTag}` : tag ? `:${tag}` : ''}`;
    }
  }

  if (kustomization.namespace) {
    for (const manifest of manifests) {
      if (!CLUSTER_SCOPED.has(manifest.kind)) manifest.metadata.namespace = kustomization.namespace;
    }
  }
  return manifests;
}

if (require.main === module) {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: kustomize.ts <folder with kustomization.yaml>');
    process.exit(2);
  }
  process.stdout.write(
    render(folder)
      .map((manifest) => stringify(manifest))
      .join('---\n'),
  );
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { render } from '../scripts/deploy/kustomize';

/**
 * scripts/deploy/kustomize.ts stands in for `kustomize build` in `npm test`: it must render what
 * kustomize renders for the features it supports, and refuse everything else instead of ignoring it.
 */
describe('scripts/deploy/kustomize.ts', () => {
  let root: string;
  const write = (files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  };
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      containers:
        - { name: web, image: app, args: [a, b] }
        - { name: sidecar, image: other:1.0 }
`;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kustomize-'));
    write({
      'base/kustomization.yaml': `resources: [deployment.yaml]
configMapGenerator:
  - { name: scripts, files: [run.sh] }
generatorOptions:
  disableNameSuffixHash: true
  labels: { part: scripts }
`,
      'base/deployment.yaml': deployment,
      'base/run.sh': 'echo hi\n',
    });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('renders resources, generated ConfigMaps, patches, images and the namespace of an overlay', () => {
    write({
      'overlay/kustomization.yaml': `namespace: team
resources: [../base, extra.yaml]
images:
  - { name: app, newName: registry.example.nl/app, newTag: '2.1' }
patches:
  - path: patch.yaml
    target: { kind: Deploy.*, name: we. }
`,
      'overlay/extra.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: { name: team }\n',
      'overlay/patch.yaml': `- { op: replace, path: /spec/template/spec/containers/0/args/1, value: c }
- { op: add, path: /spec/template/spec/containers/0/args/-, value: d }
- { op: remove, path: /spec/template/spec/containers/1 }
- { op: add, path: /metadata/labels, value: { a~b/c: x } }
`,
    });
    expect(render(join(root, 'overlay'))).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'team', labels: { 'a~b/c': 'x' } },
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'web', image: 'registry.example.nl/app:2.1', args: ['a', 'c', 'd'] },
              ],
            },
          },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'scripts', namespace: 'team', labels: { part: 'scripts' } },
        data: { 'run.sh': 'echo hi\n' },
      },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } },
    ]);
  });

  it('refuses kustomization fields it does not implement, naming them', () => {
    write({ 'overlay/kustomization.yaml': 'resources: [../base]\ncommonLabels: { a: b }\n' });
    expect(() => render(join(root, 'overlay'))).toThrow(/not supported here: commonLabels/);
  });

  it('refuses a strategic-merge patch, a patch that matches nothing and a path that does not exist', () => {
    const overlay = (patch: string, target: string) =>
      write({
        'overlay/kustomization.yaml': `resources: [../base]\npatches:\n  - { path: p.yaml, target: ${target} }\n`,
        'overlay/p.yaml': patch,
      });
    overlay('spec: { replicas: 2 }\n', '{ kind: Deployment }');
    expect(() => render(join(root, 'overlay'))).toThrow(/strategic merge is not supported/);
    overlay('- { op: add, path: /x, value: 1 }\n', '{ kind: Service }');
    expect(() => render(join(root, 'overlay'))).toThrow(/p.yaml matches no resource/);
    overlay('- { op: replace, path: /spec/replicas, value: 2 }\n', '{ kind: Deployment }');
    expect(() => render(join(root, 'overlay'))).toThrow(
      /replace \/spec\/replicas: replicas does not exist/,
    );
    overlay('- { op: add, path: /spec/nothing/here, value: 2 }\n', '{ kind: Deployment }');
    expect(() => render(join(root, 'overlay'))).toThrow(/nothing does not exist/);
  });

  it('refuses a generated ConfigMap whose name kustomize would hash, and a missing resource', () => {
    write({ 'base/kustomization.yaml': 'configMapGenerator:\n  - { name: s, files: [run.sh] }\n' });
    expect(() => render(join(root, 'base'))).toThrow(/disableNameSuffixHash/);
    write({ 'base/kustomization.yaml': 'resources: [missing.yaml]\n' });
    expect(() => render(join(root, 'base'))).toThrow(/resource missing.yaml does not exist/);
  });
});

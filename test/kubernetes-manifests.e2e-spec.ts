import { randomBytes } from 'node:crypto';
import { validateEnvironment } from '@schakel/config';
import { CASE_SEARCH_ATTRIBUTES } from '@schakel/temporal';
import { render, type Manifest } from '../scripts/deploy/kustomize';
import {
  APP_VARIABLES,
  SCHAKEL_ENTRY_POINTS,
  readRepositoryFile,
  readYaml,
  searchAttributesOfSetupScript,
} from './support/deployment-files';

interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { configMapKeyRef?: { name: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown> & {
    capabilities?: { drop?: string[]; add?: string[] };
  };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Record<string, unknown>[];
  securityContext?: Record<string, unknown> & { seccompProfile?: { type: string } };
  automountServiceAccountToken?: boolean;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
}
interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values: string[] }[];
}
interface NetworkPolicySpec {
  podSelector: LabelSelector;
  policyTypes: string[];
  ingress?: { from?: unknown[]; ports?: { port: number }[] }[];
  egress?: { to?: unknown[]; ports?: { port: number }[] }[];
}

const COMPONENT = 'app.kubernetes.io/component';
const MEBIBYTE = 1024 ** 2;

function selects(selector: LabelSelector, labels: Record<string, string> = {}): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every(
    ({ key, operator, values }) => operator === 'In' && values.includes(labels[key]),
  );
  return byLabel && byExpression;
}

function bytes(quantity: string): number {
  const units: Record<string, number> = { Ki: 1024, Mi: MEBIBYTE, Gi: 1024 ** 3 };
  const [, number, unit] = /^(\d+)(Ki|Mi|Gi)?$/.exec(quantity) ?? [];
  return Number(number) * (unit ? units[unit] : 1);
}

function cores(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

/**
 * The manifests under deploy/kubernetes, rendered as kustomize renders them (scripts/lint-deploy.sh
 * validates the same rendering against the Kubernetes API schemas): the Haven and Pod Security rules
 * that can be checked without a cluster (docs/deployment.md lists them), and the wiring between the
 * workloads, their configuration and the apps.
 */
describe.each(['base', 'overlays/example'])('deploy/kubernetes/%s', (folder) => {
  const manifests = render(`deploy/kubernetes/${folder}`);
  const secretTemplate = readYaml<Manifest & { stringData: Record<string, string> }>(
    'deploy/kubernetes/base/schakel-secrets.template.yaml',
  );
  const ofKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
  const named = (kind: string, name: string) => {
    const found = ofKind(kind).find((manifest) => manifest.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name}`);
    return found;
  };
  const workloads = [...ofKind('Deployment'), ...ofKind('Job')].map((manifest) => {
    const template = (
      manifest.spec as { template: { metadata: Manifest['metadata']; spec: PodSpec } }
    ).template;
    return { manifest, labels: template.metadata.labels ?? {}, pod: template.spec };
  });
  const workload = (component: string) => {
    const found = workloads.find(({ labels }) => labels[COMPONENT] === component);
    if (!found) throw new Error(`no workload ${component}`);
    return found;
  };
  const schakelComponents = Object.keys(SCHAKEL_ENTRY_POINTS);

  it('has a workload for every Schakel process and the Temporal namespace Job', () => {
    expect(workloads.map(({ labels }) => labels[COMPONENT]).sort()).toEqual(
      [...schakelComponents, 'temporal-setup'].sort(),
    );
    expect(
      ofKind('Deployment')
        .map(({ metadata }) => metadata.name)
        .sort(),
    ).toEqual(['schakel-api', 'schakel-reconciler', 'schakel-relay', 'schakel-worker'].sort());
    expect(
      ofKind('Job')
        .map(({ metadata }) => metadata.name)
        .sort(),
    ).toEqual(['schakel-migrate', 'schakel-temporal-namespace-setup'].sort());
  });

  it('runs each Schakel process from the one image with its entry point', () => {
    for (const [component, entry] of Object.entries(SCHAKEL_ENTRY_POINTS)) {
      const [container] = workload(component).pod.containers;
      expect(container.command).toEqual(['node', entry]);
      expect(container.image).toBe(
        folder === 'base' ? 'schakel' : 'registry.example.nl/schakel/schakel:0.1.0',
      );
    }
  });

  it('meets the Pod Security "restricted" profile and runs read-only, without a service account token', () => {
    for (const { manifest, pod } of workloads) {
      const where = `${manifest.kind}/${manifest.metadata.name}`;
      expect({ where, securityContext: pod.securityContext }).toEqual({
        where,
        securityContext: expect.objectContaining({
          runAsNonRoot: true,
          seccompProfile: { type: 'RuntimeDefault' },
        }),
      });
      expect(pod.securityContext?.runAsUser).not.toBe(0);
      expect([pod.hostNetwork, pod.hostPID, pod.hostIPC, pod.automountServiceAccountToken]).toEqual(
        [undefined, undefined, undefined, false],
      );
      for (const volume of pod.volumes ?? []) {
        const type = Object.keys(volume).find((key) => key !== 'name');
        expect(['emptyDir', 'configMap', 'secret', 'projected']).toContain(type);
      }
      for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
        expect({ where, securityContext: container.securityContext }).toEqual({
          where,
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            privileged: false,
            capabilities: { drop: ['ALL'] },
          },
        });
        expect(container.ports?.every((port) => !('hostPort' in port)) ?? true).toBe(true);
        expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      }
    }
  });

  it('gives every container CPU and memory requests and limits, limits above requests', () => {
    for (const { manifest, pod } of workloads) {
      for (const { resources } of pod.containers) {
        const where = manifest.metadata.name;
        expect({ where, cpu: cores(resources?.limits?.cpu ?? '0') }).toEqual({
          where,
          cpu: expect.any(Number),
        });
        expect(cores(resources?.limits?.cpu ?? '0')).toBeGreaterThanOrEqual(
          cores(resources?.requests?.cpu ?? 'x'),
        );
        expect(bytes(resources?.limits?.memory ?? '0')).toBeGreaterThanOrEqual(
          bytes(resources?.requests?.memory ?? 'x'),
        );
      }
    }
  });

  it('sizes API and worker memory above the peaks docs/performance.md measured', () => {
    const limit = (component: string) =>
      bytes(workload(component).pod.containers[0].resources?.limits?.memory ?? '0');
    const request = (component: string) =>
      bytes(workload(component).pod.containers[0].resources?.requests?.memory ?? '0');
    // API: 269 MiB peak under the throughput load. Worker: 631 MiB with 2 000 open cases, peak 1 020 MiB
    // with 10 000 at TEMPORAL_MAX_CACHED_WORKFLOWS=1000.
    expect(request('api')).toBeGreaterThanOrEqual(269 * MEBIBYTE);
    expect(request('worker')).toBeGreaterThanOrEqual(631 * MEBIBYTE);
    expect(limit('worker')).toBeGreaterThanOrEqual(1020 * MEBIBYTE);
    expect(named('ConfigMap', 'schakel-config').data).toMatchObject({
      TEMPORAL_MAX_CACHED_WORKFLOWS: '1000',
    });
  });

  it('probes the API on /health/ready and /health, relay and reconciler on /health, the worker not at all', () => {
    const api = workload('api').pod.containers[0];
    expect(api.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(api.livenessProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
    const port = Number(api.env?.find(({ name }) => name === 'PORT')?.value);
    expect(api.ports).toEqual([expect.objectContaining({ name: 'http', containerPort: port })]);
    for (const component of ['relay', 'reconciler']) {
      const container = workload(component).pod.containers[0];
      const healthPort = Number(container.env?.find(({ name }) => name === 'HEALTH_PORT')?.value);
      expect(container.ports).toEqual([
        expect.objectContaining({ name: 'health', containerPort: healthPort }),
      ]);
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health', port: 'health' });
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/health', port: 'health' });
    }
    const worker = workload('worker').pod.containers[0];
    expect([worker.livenessProbe, worker.readinessProbe, worker.ports]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('autoscales API and worker, and keeps one of each through voluntary disruptions', () => {
    for (const component of ['api', 'worker']) {
      const deployment = named('Deployment', `schakel-${component}`);
      const hpa = named('HorizontalPodAutoscaler', `schakel-${component}`).spec as {
        scaleTargetRef: { kind: string; name: string };
        minReplicas: number;
        maxReplicas: number;
      };
      expect(hpa.scaleTargetRef).toMatchObject({
        kind: 'Deployment',
        name: deployment.metadata.name,
      });
      expect(hpa.maxReplicas).toBeGreaterThan(hpa.minReplicas);
      expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
      // The autoscaler owns the replica count; a fixed one in the Deployment would fight it on apply.
      expect(deployment.spec).not.toHaveProperty('replicas');
      const pdb = named('PodDisruptionBudget', `schakel-${component}`).spec as {
        minAvailable: number;
        selector: LabelSelector;
      };
      expect(selects(pdb.selector, workload(component).labels)).toBe(true);
      // A node drain must be able to evict one pod while the autoscaler's floor is running.
      expect(pdb.minAvailable).toBeLessThan(hpa.minReplicas);
    }
  });

  it('selects its own pods by Service and Deployment selectors', () => {
    for (const deployment of ofKind('Deployment')) {
      const spec = deployment.spec as { selector: LabelSelector };
      const matched = workloads.filter(({ labels }) => selects(spec.selector, labels));
      expect(matched.map(({ manifest }) => manifest.metadata.name)).toEqual([
        deployment.metadata.name,
      ]);
    }
    const service = named('Service', 'schakel-api').spec as {
      selector: Record<string, string>;
      ports: { targetPort: string }[];
    };
    const api = workload('api');
    expect(selects({ matchLabels: service.selector }, api.labels)).toBe(true);
    expect(api.pod.containers[0].ports?.map(({ name }) => name)).toContain(
      service.ports[0].targetPort,
    );
  });

  it('lets each component reach only what it needs', () => {
    const policies = ofKind('NetworkPolicy').map(({ spec }) => spec as NetworkPolicySpec);
    const egressPorts = (labels: Record<string, string>) =>
      policies
        .filter(
          (policy) => policy.policyTypes.includes('Egress') && selects(policy.podSelector, labels),
        )
        .flatMap((policy) => policy.egress ?? [])
        .flatMap((rule) => rule.ports ?? [])
        .map(({ port }) => port)
        .sort((a, b) => a - b);
    const expected: Record<string, number[]> = {
      api: [53, 53, 443, 5432, 6379, 7233],
      worker: [53, 53, 443, 587, 5432, 6379, 7233],
      relay: [53, 53, 5432, 6379],
      reconciler: [53, 53, 5432, 7233],
      migrate: [53, 53, 5432],
      'temporal-setup': [53, 53, 7233],
    };
    for (const { labels } of workloads) {
      expect({ component: labels[COMPONENT], ports: egressPorts(labels) }).toEqual({
        component: labels[COMPONENT],
        ports: expected[labels[COMPONENT]],
      });
      const deniedByDefault = policies.some(
        (policy) =>
          selects(policy.podSelector, labels) &&
          policy.policyTypes.join() === 'Ingress,Egress' &&
          !policy.ingress &&
          !policy.egress,
      );
      expect(deniedByDefault).toBe(true);
      const ingressPorts = policies
        .filter(
          (policy) => policy.policyTypes.includes('Ingress') && selects(policy.podSelector, labels),
        )
        .flatMap((policy) => policy.ingress ?? [])
        .flatMap((rule) => rule.ports ?? [])
        .map(({ port }) => port);
      expect(ingressPorts).toEqual(labels[COMPONENT] === 'api' ? [3000] : []);
    }
    const toTemporal = policies.find((policy) =>
      policy.egress?.some((rule) => rule.ports?.some(({ port }) => port === 7233)),
    );
    if (folder === 'overlays/example') {
      for (const policy of policies.filter((p) =>
        p.egress?.some((rule) => rule.ports?.[0].port !== 53),
      ))
        if (policy.egress?.some((rule) => [5432, 6379, 7233].includes(rule.ports?.[0].port ?? 0)))
          expect(policy.egress?.[0].to?.length).toBeGreaterThan(0);
      expect(toTemporal?.egress?.[0].to).toEqual([
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'temporal' } } },
      ]);
    }
  });

  it.each(schakelComponents)(
    'configures %s from the ConfigMap and the Secret with variables the app knows, valid for production',
    (component) => {
      const [container] = workload(component).pod.containers;
      const environment: Record<string, string> = {};
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef) {
          const config = named('ConfigMap', source.configMapRef.name).data as Record<
            string,
            string
          >;
          Object.assign(environment, config);
        }
        if (source.secretRef) {
          expect(source.secretRef.name).toBe(secretTemplate.metadata.name);
          Object.assign(environment, secretTemplate.stringData);
        }
      }
      for (const { name, value } of container.env ?? []) environment[name] = value ?? '';
      for (const name of Object.keys(environment)) {
        expect(APP_VARIABLES).toContain(name);
      }
      // The template holds no values; an operator fills them in like this.
      const filled = {
        ...environment,
        DATABASE_URL: 'postgres://schakel:secret@db.example.internal:5432/schakel',
        REDIS_URL: 'redis://:secret@redis.example.internal:6379',
        AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
        METRICS_TOKEN: randomBytes(16).toString('hex'),
        PAYLOAD_CODEC_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        STORED_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      };
      expect(validateEnvironment(filled).NODE_ENV).toBe('production');
      expect(() => validateEnvironment(environment)).toThrow(/DATABASE_URL/);
    },
  );

  it('ships a Secret template without values, outside the kustomization', () => {
    expect(Object.values(secretTemplate.stringData).every((value) => value === '')).toBe(true);
    expect(ofKind('Secret')).toEqual([]);
    const base = readYaml<{ resources: string[] }>('deploy/kubernetes/base/kustomization.yaml');
    expect(base.resources).not.toContain('schakel-secrets.template.yaml');
  });

  it('registers the case search attributes with the script compose runs too', () => {
    const setupJob = workload('temporal-setup').pod;
    const script = (named('ConfigMap', 'schakel-temporal-setup').data as Record<string, string>)[
      'setup-namespace.sh'
    ];
    expect(script).toBe(readRepositoryFile('deploy/kubernetes/base/temporal/setup-namespace.sh'));
    expect(setupJob.containers[0].command).toEqual(['sh', '/schakel/setup-namespace.sh']);
    expect(setupJob.containers[0].image).toMatch(/^temporalio\/admin-tools:\d/);
    expect(searchAttributesOfSetupScript()).toEqual(CASE_SEARCH_ATTRIBUTES);
    const compose = readYaml<{ services: Record<string, { image: string }> }>('docker-compose.yml');
    expect(setupJob.containers[0].image).toBe(compose.services['temporal-setup'].image);
  });

  it('applies, with the selector docs/deployment.md gives, what the Jobs need and no process', () => {
    const guide = readRepositoryFile('docs/deployment.md');
    const [, listed] = /-l 'app\.kubernetes\.io\/component in \(([^)]+)\)'/.exec(guide) ?? [];
    const components = listed.split(',');
    const applied = manifests.filter(({ metadata }) =>
      components.includes(metadata.labels?.[COMPONENT] ?? ''),
    );
    const names = applied.map(({ kind, metadata }) => `${kind}/${metadata.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'ConfigMap/schakel-config',
        'ConfigMap/schakel-temporal-setup',
        'Job/schakel-migrate',
        'Job/schakel-temporal-namespace-setup',
        'NetworkPolicy/schakel-default-deny',
        'NetworkPolicy/schakel-dns-egress',
        'NetworkPolicy/schakel-postgres-egress',
        'NetworkPolicy/schakel-temporal-egress',
      ]),
    );
    expect(applied.filter(({ kind }) => kind === 'Deployment')).toEqual([]);
  });

  it('needs nothing cluster-wide: no RBAC, no storage, only its own namespace', () => {
    const kinds = new Set(manifests.map(({ kind }) => kind));
    for (const kind of ['ClusterRole', 'ClusterRoleBinding', 'Role', 'PersistentVolumeClaim'])
      expect(kinds.has(kind)).toBe(false);
    if (folder === 'overlays/example') {
      const namespace = named('Namespace', 'schakel');
      expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
      for (const manifest of manifests.filter(({ kind }) => kind !== 'Namespace'))
        expect(manifest.metadata.namespace).toBe('schakel');
      const ingress = named('Ingress', 'schakel').spec as {
        tls: unknown[];
        rules: {
          http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] };
        }[];
      };
      expect(ingress.tls.length).toBeGreaterThan(0);
      expect(ingress.rules[0].http.paths[0].backend.service).toEqual({
        name: 'schakel-api',
        port: { name: 'http' },
      });
    }
  });
});

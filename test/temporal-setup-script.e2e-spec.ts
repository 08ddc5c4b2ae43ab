import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_SEARCH_ATTRIBUTES } from '@schakel/temporal';
import { REPOSITORY_ROOT, TEMPORAL_ADDRESS_FILE } from './support/test-environment';

/**
 * The one-shot that compose (temporal-setup) and Kubernetes (schakel-temporal-namespace-setup) run,
 * against the test suite's real Temporal server with a namespace of its own: it creates the namespace,
 * registers the case search attributes, and a second run changes nothing.
 */
describe('deploy/kubernetes/base/temporal/setup-namespace.sh', () => {
  const address = readFileSync(TEMPORAL_ADDRESS_FILE, 'utf8');
  const namespace = `setup-script-${randomBytes(4).toString('hex')}`;
  const env = {
    PATH: `${join(REPOSITORY_ROOT, '.tools/bin')}:${process.env.PATH ?? ''}`,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_NAMESPACE_RETENTION: '1d',
  };
  const run = (command: string, args: string[], environment: Record<string, string> = env) =>
    spawnSync(command, args, {
      cwd: REPOSITORY_ROOT,
      env: environment,
      encoding: 'utf8',
      timeout: 90_000,
    });
  const setup = () => run('sh', ['deploy/kubernetes/base/temporal/setup-namespace.sh']);

  it('creates the namespace and registers every case search attribute, then finds them all', () => {
    const first = setup();
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`creating namespace ${namespace} (retention 1d)`);
    for (const [name, type] of Object.entries(CASE_SEARCH_ATTRIBUTES))
      expect(first.stdout).toContain(`registering search attribute ${name} (${type})`);

    const listed = run('temporal', [
      'operator',
      'search-attribute',
      'list',
      '--namespace',
      namespace,
      '--address',
      address,
      '--output',
      'json',
    ]);
    expect(listed.status).toBe(0);
    // The server names types INDEXED_VALUE_TYPE_<TYPE>: KeywordList → KEYWORD_LIST.
    const expected = Object.fromEntries(
      Object.entries(CASE_SEARCH_ATTRIBUTES).map(([name, type]) => [
        name,
        `INDEXED_VALUE_TYPE_${type.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toUpperCase()}`,
      ]),
    );
    expect(JSON.parse(listed.stdout).customAttributes).toEqual(expected);

    const second = setup();
    expect(second.status).toBe(0);
    expect(second.stdout).toContain(`namespace ${namespace} exists`);
    expect(second.stdout).not.toContain('registering');
  });

  it('refuses to run without an address, naming the variable', () => {
    const { TEMPORAL_ADDRESS: _omitted, ...withoutAddress } = env;
    const result = run(
      'sh',
      ['deploy/kubernetes/base/temporal/setup-namespace.sh'],
      withoutAddress,
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('TEMPORAL_ADDRESS');
  });
});

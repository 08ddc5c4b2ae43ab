import { APP_VARIABLES, parseDotenv, readRepositoryFile } from './support/deployment-files';

/** docs/deployment.md is the operator's reference: it must name everything an operator can set. */
describe('docs/deployment.md', () => {
  const guide = readRepositoryFile('docs/deployment.md');
  const documented = new Set([...guide.matchAll(/^\| `([A-Z0-9_]+)`/gm)].map(([, name]) => name));
  const documentedTogether = [...guide.matchAll(/^\| `([A-Z0-9_]+)`, `([A-Z0-9_]+)`/gm)].flatMap(
    ([, first, second]) => [first, second],
  );
  for (const name of documentedTogether) documented.add(name);

  it('has a row in the configuration reference for every variable the apps read', () => {
    const missing = [...APP_VARIABLES].filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  it('explains every variable of .env.example', () => {
    const missing = Object.keys(parseDotenv(readRepositoryFile('.env.example'))).filter(
      (name) => !documented.has(name),
    );
    expect(missing).toEqual([]);
  });

  it('states the Kubernetes versions the manifests are validated against', () => {
    const versions = /^KUBERNETES_VERSIONS="([^"]+)"/m
      .exec(readRepositoryFile('scripts/lint-deploy.sh'))?.[1]
      .split(' ');
    expect(versions?.length).toBeGreaterThan(0);
    for (const version of versions ?? []) expect(guide).toContain(version);
  });

  it('is linked from the README', () => {
    expect(readRepositoryFile('README.md')).toContain('](docs/deployment.md)');
  });
});

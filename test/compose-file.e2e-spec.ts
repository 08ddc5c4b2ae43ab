import { randomBytes } from 'node:crypto';
import { validateEnvironment } from '@schakel/config';
import { CASE_SEARCH_ATTRIBUTES } from '@schakel/temporal';
import {
  APP_VARIABLES,
  SCHAKEL_ENTRY_POINTS,
  interpolate,
  interpolateTree,
  interpolatedVariables,
  parseDotenv,
  readRepositoryFile,
  readYaml,
  searchAttributesOfSetupScript,
} from './support/deployment-files';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  ports?: string[];
  restart?: string;
  stop_grace_period?: string;
  read_only?: boolean;
  cap_drop?: string[];
  volumes?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
}
type Services = Record<string, ComposeService>;

/**
 * There is no Docker engine here: scripts/lint-deploy.sh validates docker-compose.yml against the compose
 * specification's schema, and this checks what a schema cannot — the wiring between the services, the
 * documented `.env`, and the apps' own configuration.
 */
describe('docker-compose.yml', () => {
  const text = readRepositoryFile('docker-compose.yml');
  const raw = readYaml<{ services: Services }>('docker-compose.yml').services;
  const envExample = parseDotenv(readRepositoryFile('.env.example'));
  const variables = interpolatedVariables(text);
  // What an operator's .env looks like once filled in: every empty required value set to a secret,
  // in the form .env.example asks for (keyrings: `id:` and the base64 of 32 bytes).
  const secretFor = (name: string): string => {
    const keyring = ['PAYLOAD_CODEC_KEYS', 'STORED_SECRET_KEYS'].includes(name);
    return keyring ? `k1:${randomBytes(32).toString('base64')}` : randomBytes(24).toString('hex');
  };
  const dotenv = Object.fromEntries(
    Object.entries(envExample).map(([name, value]) => [
      name,
      value || (variables.get(name)?.required ? secretFor(name) : value),
    ]),
  );
  const services = interpolateTree(raw, dotenv);
  const schakelServices = Object.keys(SCHAKEL_ENTRY_POINTS);
  const oneShots = ['temporal-schema', 'temporal-setup', 'migrate'];

  it('has the documented topology', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'postgres',
        'redis',
        'temporal-schema',
        'temporal',
        'temporal-setup',
        'temporal-ui',
        ...schakelServices,
      ].sort(),
    );
  });

  it('runs each Schakel process from the one image with its entry point', () => {
    for (const [name, entry] of Object.entries(SCHAKEL_ENTRY_POINTS)) {
      expect(services[name].command).toEqual(['node', entry]);
      expect(raw[name].image).toBe('${SCHAKEL_IMAGE:-schakel:local}');
      expect(services[name].read_only).toBe(true);
      expect(services[name].cap_drop).toEqual(['ALL']);
    }
  });

  it('pins every image by an explicit tag, never latest', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, image: service.image }).toEqual({
        name,
        image: expect.stringMatching(/^[\w./-]+:[\w.-]+$/),
      });
      expect(service.image).not.toMatch(/:latest$/);
    }
  });

  it('depends only on services that exist, waiting for one-shots to finish and the rest to be healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(Object.keys(services)).toContain(dependency);
        const expected = oneShots.includes(dependency)
          ? 'service_completed_successfully'
          : 'service_healthy';
        expect({ name, dependency, condition }).toEqual({ name, dependency, condition: expected });
        if (expected === 'service_healthy') {
          expect(services[dependency].healthcheck?.test?.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('starts no Schakel process before migrations, search attributes and its dependencies', () => {
    for (const name of ['api', 'worker', 'relay', 'reconciler']) {
      expect(Object.keys(services[name].depends_on ?? {}).sort()).toEqual(
        ['migrate', 'redis', 'temporal', 'temporal-setup'].sort(),
      );
    }
    expect(Object.keys(services.migrate.depends_on ?? {})).toEqual(['postgres']);
    expect(Object.keys(services.temporal.depends_on ?? {})).toEqual(['temporal-schema']);
    expect(services.temporal.image).toMatch(/^temporalio\/server:/);
    for (const oneShot of oneShots) expect(services[oneShot].restart).toBe('on-failure');
  });

  it('health-checks every long-running service but the worker, which has no HTTP port', () => {
    // The Schakel image's own HEALTHCHECK asks for /health, which migrate and the worker do not serve.
    expect(services.migrate.healthcheck).toEqual({ disable: true });
    expect(services.worker.healthcheck).toEqual({ disable: true });
    for (const [name, service] of Object.entries(services)) {
      if (oneShots.includes(name) || name === 'worker') continue;
      expect({ name, test: service.healthcheck?.test?.length }).toEqual({
        name,
        test: expect.any(Number),
      });
    }
    const port = services.api.environment?.PORT;
    expect(services.api.healthcheck?.test?.join(' ')).toContain(`:${port}/health/ready`);
    expect(services.api.ports).toEqual([`${port}:${port}`]);
    for (const name of ['relay', 'reconciler']) {
      const healthPort = services[name].environment?.HEALTH_PORT;
      expect(services[name].healthcheck?.test?.join(' ')).toContain(`:${healthPort}/health'`);
    }
  });

  it('gives the worker time to finish its activities before it is killed', () => {
    // The worker exits at the latest 3 × WORKER_SHUTDOWN_GRACE_SECONDS (10 s) after SIGTERM.
    expect(services.worker.stop_grace_period).toBe('40s');
  });

  it('publishes only the API, and the Temporal UI on the loopback interface', () => {
    const published = Object.entries(services).filter(([, service]) => service.ports?.length);
    expect(Object.fromEntries(published.map(([name, service]) => [name, service.ports]))).toEqual({
      api: ['3000:3000'],
      'temporal-ui': ['127.0.0.1:8233:8080'],
    });
  });

  it('documents every variable it reads in .env.example, with no secret filled in', () => {
    expect([...variables.keys()].sort()).toEqual(Object.keys(envExample).sort());
    const required = [...variables].filter(([, { required }]) => required).map(([name]) => name);
    expect(required.sort()).toEqual([
      'AUTH_JWT_SECRET',
      'PAYLOAD_CODEC_KEYS',
      'POSTGRES_PASSWORD',
      'REDIS_PASSWORD',
      'STORED_SECRET_KEYS',
    ]);
    for (const name of required) expect(envExample[name]).toBe('');
    expect(readRepositoryFile('.gitignore').split('\n')).toContain('.env');
    expect(readRepositoryFile('.dockerignore').split('\n')).toContain('*');
  });

  it('refuses to start while a required secret is missing, naming it', () => {
    const { AUTH_JWT_SECRET: _omitted, ...withoutSecret } = dotenv;
    expect(() => interpolateTree(raw, withoutSecret)).toThrow(/^AUTH_JWT_SECRET: set /);
    expect(() => interpolate('${REDIS_PASSWORD:?set it}', { REDIS_PASSWORD: '' })).toThrow(
      'REDIS_PASSWORD: set it',
    );
  });

  it.each(Object.keys(SCHAKEL_ENTRY_POINTS))(
    'gives %s only variables the app knows, valid for production',
    (name) => {
      const environment = Object.fromEntries(
        Object.entries(services[name].environment ?? {}).map(([key, value]) => [
          key,
          String(value),
        ]),
      );
      for (const variable of Object.keys(environment)) {
        expect(APP_VARIABLES).toContain(variable);
      }
      const config = validateEnvironment(environment);
      expect(config.NODE_ENV).toBe('production');
    },
  );

  it('points the apps at the services by their compose names, ports and credentials', () => {
    const environment = services.api.environment ?? {};
    const postgres = services.postgres.environment ?? {};
    expect(environment.DATABASE_URL).toBe(
      `postgres://${postgres.POSTGRES_USER}:${postgres.POSTGRES_PASSWORD}@postgres:5432/${postgres.POSTGRES_DB}`,
    );
    const redisPassword = services.redis.command?.at(-1);
    expect(services.redis.command?.at(-2)).toBe('--requirepass');
    expect(environment.REDIS_URL).toBe(`redis://:${redisPassword}@redis:6379`);
    expect(services.redis.environment?.REDISCLI_AUTH).toBe(redisPassword);
    expect(environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
    for (const name of ['temporal-setup', 'temporal-ui']) {
      expect(services[name].environment?.TEMPORAL_ADDRESS).toBe(environment.TEMPORAL_ADDRESS);
    }
    expect(services['temporal-setup'].environment?.TEMPORAL_NAMESPACE).toBe(
      environment.TEMPORAL_NAMESPACE,
    );
    const temporal = services.temporal.environment ?? {};
    expect([temporal.POSTGRES_SEEDS, temporal.POSTGRES_USER, temporal.POSTGRES_PWD]).toEqual([
      'postgres',
      postgres.POSTGRES_USER,
      postgres.POSTGRES_PASSWORD,
    ]);
    expect(services['temporal-schema'].environment?.SQL_PASSWORD).toBe(postgres.POSTGRES_PASSWORD);
    // The UI decodes payloads through the API's codec endpoint, and the API lets the UI's origin in.
    const uiPort = services['temporal-ui'].ports?.[0]?.split(':').at(-2);
    expect(environment.TEMPORAL_UI_ORIGIN).toBe(`http://localhost:${uiPort}`);
    expect(services['temporal-ui'].environment?.TEMPORAL_CODEC_ENDPOINT).toBe(
      `http://localhost:${environment.PORT}/codec`,
    );
  });

  it('mounts the setup scripts that exist, and registers exactly the case search attributes', () => {
    for (const name of ['temporal-schema', 'temporal-setup']) {
      const [source, target] = (services[name].volumes?.[0] ?? '').split(':');
      expect(readRepositoryFile(source)).toMatch(/^#!\/bin\/sh\n/);
      expect(services[name].command).toEqual(['sh', target]);
    }
    expect(searchAttributesOfSetupScript()).toEqual(CASE_SEARCH_ATTRIBUTES);
  });
});

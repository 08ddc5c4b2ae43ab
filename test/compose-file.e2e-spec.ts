import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parse } from 'yaml';
import { EnvironmentVariables, validateEnvironment } from '@schakel/config';
import { REPOSITORY_ROOT } from './support/test-environment';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

/** There is no Docker engine here, so the compose file is checked against the app's own configuration. */
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(REPOSITORY_ROOT, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as { services: Record<string, ComposeService> };
  const { services } = compose;
  const knownVariables = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
      .map((metadata) => metadata.propertyName),
  );

  it('has the services of the documented topology, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'postgres', 'redis', 'temporal', 'temporal-ui', 'worker'].sort(),
    );
    for (const name of ['postgres', 'redis', 'temporal', 'temporal-ui', 'api']) {
      expect(services[name].healthcheck?.test.length).toBeGreaterThan(0);
    }
  });

  it.each(['api', 'worker'])('gives %s only variables the app knows, and valid ones', (name) => {
    const environment = Object.fromEntries(
      Object.entries(services[name].environment ?? {}).map(([key, value]) => [
        key,
        String(value)
          .replace(/^\$\{AUTH_JWT_SECRET:\?.*\}$/, 'x'.repeat(40))
          .replace(/^\$\{WEBHOOK_SECRET_KEY:\?.*\}$/, Buffer.alloc(32, 7).toString('base64'))
          .replace(/^\$\{\w+:-\}$/, ''),
      ]),
    );
    for (const variable of Object.keys(environment)) expect(knownVariables).toContain(variable);
    const config = validateEnvironment(environment);
    expect(config.NODE_ENV).toBe('production');
    expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('points the apps at the services by their compose names and ports', () => {
    const environment = services.api.environment ?? {};
    const postgresUser = services.postgres.environment?.POSTGRES_USER;
    expect(environment.DATABASE_URL).toBe(
      `postgres://${postgresUser}:${services.postgres.environment?.POSTGRES_PASSWORD}@postgres:5432/${services.postgres.environment?.POSTGRES_DB}`,
    );
    expect(environment.REDIS_URL).toBe('redis://redis:6379');
    expect(services.temporal.ports).toContain('7233:7233');
    expect(services.api.ports).toContain(`${environment.PORT}:${environment.PORT}`);
    expect(services.api.healthcheck?.test.join(' ')).toContain(`:${environment.PORT}/health/ready`);
    expect(services['temporal-ui'].environment?.TEMPORAL_ADDRESS).toBe(
      environment.TEMPORAL_ADDRESS,
    );
  });

  it('starts the apps only after their dependencies are healthy', () => {
    expect(Object.keys(services.api.depends_on ?? {}).sort()).toEqual([
      'postgres',
      'redis',
      'temporal',
    ]);
    for (const dependency of Object.values(services.api.depends_on ?? {})) {
      expect(dependency.condition).toBe('service_healthy');
    }
    expect(services.worker.command?.join(' ')).toContain('dist/apps/worker/src/main.js');
  });
});

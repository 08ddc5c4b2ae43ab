import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from './support/test-environment';

/** Boots the real API entry point with a broken environment and reads what it says. */
function bootApi(environment: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', join(REPOSITORY_ROOT, 'apps/api/src/main.ts')],
    {
      cwd: REPOSITORY_ROOT,
      env: { PATH: process.env.PATH ?? '', ...environment },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

describe('configuration at boot', () => {
  it('stops the process naming the bad variable and what it expects', () => {
    const result = bootApi({ PORT: 'eighty', DATABASE_URL: 'mysql://db/schakel' });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/PORT: .*PORT must be an integer number \(got "eighty"\)/);
    expect(result.stderr).toContain('DATABASE_URL: DATABASE_URL must be a URL address');
  });

  it('refuses to run production without payload encryption keys', () => {
    // Every other production secret present, so the payload keys are what is missing.
    const production = {
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: 'x'.repeat(40),
      STORED_SECRET_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
    };
    const result = bootApi(production);
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('PAYLOAD_CODEC_KEYS: is required in production');
    const short = bootApi({
      ...production,
      PAYLOAD_CODEC_KEYS: `k1:${Buffer.alloc(16).toString('base64')}`,
    });
    expect(short.status).toBe(78);
    expect(short.stderr).toContain("PAYLOAD_CODEC_KEYS: key 'k1' must be 32 bytes");
  });

  it('refuses to run production on the development secret', () => {
    const result = bootApi({ NODE_ENV: 'production' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('AUTH_JWT_SECRET');
  });
});

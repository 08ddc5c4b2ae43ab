/**
 * Schemathesis against the running stack's OpenAPI document (/api/docs-json), once as `admin` and
 * once as a caseworker: every generated request must be answered without a server error (5xx), with
 * a status the operation documents and a body that matches the documented schema.
 * Starts the same stack as the console's end-to-end tests (its own database, Redis prefix and task
 * queue), so it needs `npm run build` and the console's build. Run by scripts/schemathesis.sh.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_PASSWORD, REPOSITORY_ROOT } from '../apps/web/e2e/support/environment.mts';
import { startStack } from '../apps/web/e2e/support/stack.mts';

const USERS = ['admin', 'gemeente.medewerker'];
/**
 * No server error, every status one the operation documents, and every body matching its
 * documented schema (docs/api-contract.md).
 */
const CHECKS = 'not_a_server_error,status_code_conformance,response_schema_conformance';
/** Bounded so both runs fit in about three minutes on two cores; raise for a deeper search. */
const MAX_EXAMPLES = process.env.SCHEMATHESIS_MAX_EXAMPLES ?? '5';
/** A fixed seed makes a failure reproducible; set SCHEMATHESIS_SEED to explore other inputs. */
const SEED = process.env.SCHEMATHESIS_SEED ?? '11';

async function token(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`Signing in as ${username} failed: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

function schemathesis(baseUrl: string, bearer: string): Promise<number> {
  const args = [
    'run',
    `${baseUrl}/api/docs-json`,
    '--url',
    baseUrl,
    '--header',
    `Authorization: Bearer ${bearer}`,
    '--checks',
    CHECKS,
    '--phases',
    'examples,coverage,fuzzing',
    '--max-examples',
    MAX_EXAMPLES,
    '--seed',
    SEED,
    '--workers',
    '2',
    '--request-timeout',
    '30',
    '--suppress-health-check',
    'all',
    '--warnings',
    'off',
  ];
  const child = spawn(join(REPOSITORY_ROOT, '.tools/bin/schemathesis'), args, {
    cwd: REPOSITORY_ROOT,
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

const stack = await startStack('schakel_schemathesis');
let failed = 0;
try {
  for (const username of USERS) {
    process.stdout.write(`› Schemathesis as ${username}\n`);
    if ((await schemathesis(stack.baseUrl, await token(stack.baseUrl, username))) !== 0) failed++;
  }
} finally {
  await stack.stop();
}
process.exit(failed === 0 ? 0 : 1);

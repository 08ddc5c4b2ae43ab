import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import { SCHAKEL_ENTRY_POINTS } from '../../test/support/deployment-files';

/**
 * Checks, without a Docker engine, that the Dockerfile would build an image that runs: every path it
 * COPYs exists (the build stage's outputs after `npm run build` and `npm run build --prefix apps/web`),
 * plain COPY sources are let through by the .dockerignore allow-list, the console lands where the API
 * serves it from, every entry point the image, the compose file and the manifests start is compiled,
 * and the compiled code requires no package outside `dependencies` (the final stage has no others).
 * Run by scripts/lint-deploy.sh after both builds; exits 1 naming every problem.
 */
const root = join(__dirname, '..', '..');
const WORKDIR = '/app';

interface Instruction {
  stage: string;
  keyword: string;
  args: string;
}

function instructions(dockerfile: string): Instruction[] {
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  let stage = '';
  return lines.map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? '';
    return { stage, keyword: keyword.toUpperCase(), args };
  });
}

const problems: string[] = [];
const check = (ok: boolean, problem: string) => {
  if (!ok) problems.push(problem);
};

const steps = instructions(readFileSync(join(root, 'Dockerfile'), 'utf8'));
const stages = [...new Set(steps.map((step) => step.stage))];
const finalStage = stages.at(-1);
const allowed = readFileSync(join(root, '.dockerignore'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('!'))
  .map((line) => line.slice(1).replace(/\/$/, ''));

for (const step of steps) {
  if (step.keyword === 'WORKDIR')
    check(step.args === WORKDIR, `WORKDIR ${step.args} is not ${WORKDIR}`);
  if (step.keyword !== 'COPY') continue;
  const words = step.args.split(/\s+/);
  const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((word) => !word.startsWith('--'));
  const sources = paths.slice(0, -1);
  for (const source of sources) {
    if (from) {
      check(stages.includes(from), `COPY --from=${from}: no such stage`);
      const inRepository = posix.relative(WORKDIR, source);
      // The dependency stage installs what the repository's node_modules holds too.
      check(existsSync(join(root, inRepository)), `COPY --from=${from} ${source}: not built here`);
    } else {
      check(existsSync(join(root, source)), `COPY ${source}: no such file in the repository`);
      const top = source.replace(/^\.\//, '').split('/')[0];
      check(allowed.includes(top), `COPY ${source}: excluded by .dockerignore (allow ${top})`);
    }
  }
}

const runtime = steps.filter((step) => step.stage === finalStage);
const webCopy = runtime.find(
  (step) => step.keyword === 'COPY' && step.args.includes('apps/web/dist'),
);
const webDestination = webCopy?.args.split(/\s+/).at(-1);
const WEB_CONSOLE_SERVER = 'apps/api/src/web-delivery/web-console.middleware.ts';
const webConsoleServer = readFileSync(join(root, WEB_CONSOLE_SERVER), 'utf8');
check(
  webDestination !== undefined && webConsoleServer.includes(`resolve('${webDestination}')`),
  `the console's build (apps/web/dist) is not copied to where the API serves it from (${WEB_CONSOLE_SERVER})`,
);
check(
  existsSync(join(root, 'apps/web/dist/index.html')) &&
    readFileSync(join(root, 'apps/web/dist/index.html'), 'utf8').includes('/app/assets/'),
  'apps/web/dist/index.html missing or not built for /app/ (npm run build --prefix apps/web)',
);

const command = JSON.parse(
  runtime.find((step) => step.keyword === 'CMD')?.args ?? '[]',
) as string[];
const entryPoints = new Set<string>([command[1] ?? 'CMD is not ["node", "<entry point>"]']);
for (const entry of Object.values(SCHAKEL_ENTRY_POINTS)) entryPoints.add(entry);
for (const entry of entryPoints) {
  check(existsSync(join(root, entry)), `entry point ${entry} is not compiled (npm run build)`);
}

/** Packages the compiled code requires by name: each must be a production dependency. */
function requiredPackages(folder: string, found = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) requiredPackages(path, found);
    else if (entry.name.endsWith('.js'))
      for (const [, specifier] of readFileSync(path, 'utf8').matchAll(
        /require\("([^".][^"]*)"\)/g,
      )) {
        const parts = specifier.replace(/^node:/, '').split('/');
        const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
        if (!specifier.startsWith('node:') && !builtinModules.includes(name)) found.set(name, path);
      }
  }
  return found;
}
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
if (existsSync(join(root, 'dist'))) {
  for (const [name, file] of requiredPackages(join(root, 'dist')))
    check(name in dependencies, `${file} requires ${name}, which is not a production dependency`);
} else check(false, 'dist/ is missing (npm run build)');

if (problems.length > 0) {
  console.error(`Dockerfile check failed:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log(
  `  ${steps.filter((step) => step.keyword === 'COPY').length} COPY lines and ${entryPoints.size} entry points checked`,
);

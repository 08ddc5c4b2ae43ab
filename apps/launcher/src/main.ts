import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { environmentOrExit } from '@schakel/config';
import { CASE_SEARCH_ATTRIBUTES, TemporalDevServer } from '@schakel/temporal';

/**
 * The main job: an embedded Temporal dev server (unless TEMPORAL_ADDRESS names one), the database
 * prepared, then the worker, the outbox relay, the reconciler and the API supervised. Ctrl-C stops all of it; if one part dies, all stop.
 */
const logger = new Logger('Launcher');
// dist/apps/launcher/src → dist
const dist = resolve(__dirname, '..', '..', '..');

function runNode(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [resolve(dist, entry)], { env, stdio: 'inherit' });
}

function exitCode(child: ChildProcess): Promise<number> {
  return new Promise((done) =>
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0))),
  );
}

async function main(): Promise<void> {
  const env = environmentOrExit();
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  let devServer: TemporalDevServer | undefined;
  if (!env.TEMPORAL_ADDRESS) {
    devServer = new TemporalDevServer({
      cliPath: resolve(env.TEMPORAL_CLI_PATH),
      port: env.TEMPORAL_DEV_PORT,
      uiPort: env.TEMPORAL_UI_PORT,
      namespace: env.TEMPORAL_NAMESPACE,
      dbFilename: resolve(env.TEMPORAL_DEV_DB_FILE),
      searchAttributes: CASE_SEARCH_ATTRIBUTES,
    });
    await devServer.start();
    childEnv.TEMPORAL_ADDRESS = devServer.address;
    logger.log(
      `Temporal dev server on ${devServer.address}, UI on http://127.0.0.1:${env.TEMPORAL_UI_PORT}`,
    );
  }

  const prepared = await exitCode(runNode('apps/api/src/prepare.js', childEnv));
  if (prepared !== 0) {
    await devServer?.stop();
    process.exit(prepared);
  }

  const children = [
    runNode('apps/worker/src/main.js', childEnv),
    runNode('apps/relay/src/main.js', childEnv),
    runNode('apps/reconciler/src/main.js', childEnv),
    runNode('apps/api/src/main.js', childEnv),
  ];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    logger.log('Stopping API, worker, relay, reconciler and Temporal dev server');
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? exitCode(child) : 0)));
    await devServer?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  for (const child of children) {
    void exitCode(child).then((code) => {
      if (!stopping) logger.error(`A child process exited with code ${code}; stopping the rest`);
      void stopAll(code || 1);
    });
  }
  logger.log(`API on http://127.0.0.1:${env.PORT} (OpenAPI at /api/docs)`);
}

main().catch((error: unknown) => {
  logger.error(error);
  process.exit(1);
});

import { setTimeout as sleep } from 'node:timers/promises';
import { caseWorkflowId } from '@schakel/contracts';
import {
  startWebhookReceiver,
  verifiedEvent,
  type ReceivedRequest,
  type WebhookReceiver,
} from '../../test/support/webhook-receiver';
import { inject, type FaultRecord } from './faults';
import { GoodClient } from './good-client';
import { checkInvariants, INVARIANTS, type Observed } from './invariants';
import { parseOptions, seededRandom, type FaultOptions } from './options';
import { faultFigures, invariantCounts, printReport, writeResult } from './report';
import { FaultStack } from './stack';
import { tamper } from './tamper';

/** The organisation whose partner system receives webhooks during the run. */
const WEBHOOK_ORGANISATION = 'gemeente';
/**
 * Webhooks are retried quickly, so deliveries missed during an outage arrive while the run settles;
 * the reconciler (where built) sweeps every 20 s instead of every 5 minutes, so it takes part in the run.
 * Variables an older build does not know are ignored by its configuration.
 */
const APP_ENVIRONMENT = {
  // The partner system listens on this machine: allowed explicitly (webhooks refuse it otherwise).
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  WEBHOOK_BACKOFF_BASE_MS: '1000',
  WEBHOOK_MAX_ATTEMPTS: '25',
  RECONCILE_INTERVAL_SECONDS: '20',
};

const PROGRESS_INTERVAL_MS = 30_000;

const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Case i starts at i × (window / cases), at most `concurrency` in flight. */
async function driveLoad(
  client: GoodClient,
  options: FaultOptions,
  started: number,
): Promise<void> {
  const spacing = options.windowMs / options.cases;
  let next = 0;
  const lane = async () => {
    while (next < options.cases) {
      const index = next++;
      await sleep(Math.max(0, started + index * spacing - Date.now()));
      await client.runCase(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.cases) }, lane));
}

/** Faults spread over the window (seeded jitter), one after the other, each waiting for the last. */
async function injectFaults(
  stack: FaultStack,
  client: GoodClient,
  options: FaultOptions,
  started: number,
): Promise<FaultRecord[]> {
  const random = seededRandom(options.seed);
  const spacing = options.windowMs / (options.faults.length + 1);
  const records: FaultRecord[] = [];
  const background: Promise<void>[] = [];
  for (const [index, name] of options.faults.entries()) {
    const planned = started + spacing * (index + 1) + (random() - 0.5) * spacing * 0.4;
    await sleep(Math.max(0, planned - Date.now()));
    log(`fault ${index + 1}/${options.faults.length}: ${name}`);
    const record = await inject(name, {
      stack,
      client,
      redisDownMs: options.redisDownMs,
      victimCaseIndex: options.cases,
      background,
      log,
    });
    records.push(record);
    log(`  restored after ${((record.restoredAt - record.startedAt) / 1000).toFixed(1)} s`);
    await restartUnexpectedExits(stack, records);
  }
  await Promise.all(background);
  return records;
}

/** A process that died without being killed by the harness is a finding; it is started again. */
async function restartUnexpectedExits(stack: FaultStack, records: FaultRecord[]): Promise<void> {
  for (const [name, child] of stack.apps) {
    if (child.running) continue;
    const startedAt = Date.now();
    log(`  ${name} exited on its own; restarting it`);
    await stack.startApp(name);
    records.push({
      name: `${name}-exited-unprompted`,
      startedAt,
      restoredAt: Date.now(),
      notInjected: `${name} exited without being killed:\n${child.recentOutput.slice(-1_000)}`,
    });
  }
}

/**
 * Waits (bounded) until every case workflow is idle (no workflow task, no activity pending), no
 * webhook delivery is pending and no notification appears, twice in a row.
 */
async function settle(stack: FaultStack, caseIds: string[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let quietPolls = 0;
  let lastTotal: number | undefined;
  while (Date.now() < deadline) {
    const connection = await stack.connection();
    let busy = 0;
    for (const caseId of caseIds) {
      const description = await connection.workflowService
        .describeWorkflowExecution({
          namespace: 'default',
          execution: { workflowId: caseWorkflowId(caseId) },
        })
        .catch(() => undefined);
      if (!description || description.pendingWorkflowTask || description.pendingActivities?.length)
        busy += 1;
    }
    // Pending deliveries, and the count of in-app notifications and webhook deliveries, which must
    // stand still (a relay may still be moving rows that no table marks as pending).
    const delivery = await stack.database(async (client) => {
      const { rows } = await client.query<{ pending: number; total: number }>(
        `SELECT (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'pending') AS pending,
           (SELECT count(*)::int FROM notifications) + (SELECT count(*)::int FROM webhook_deliveries) AS total`,
      );
      return rows[0];
    });
    const quiet = busy === 0 && delivery?.pending === 0 && delivery.total === lastTotal;
    lastTotal = delivery?.total;
    quietPolls = quiet ? quietPolls + 1 : 0;
    if (quietPolls >= 2) return true;
    await sleep(2_000);
  }
  return false;
}

/** Breaks the read side on purpose and checks again: an invariant that stays silent is reported. */
async function selfCheck(stack: FaultStack, observed: Observed): Promise<string[]> {
  return stack.database(async (database) => {
    const tampered = await tamper(database, observed);
    const fired = new Set(
      (await checkInvariants(database, await stack.workflows(), tampered.observed)).violations.map(
        (violation) => violation.invariant,
      ),
    );
    return tampered.expected.filter((name) => !fired.has(name));
  });
}

/** Registers the partner system; returns the signing secret the platform issued for it. */
async function registerWebhook(client: GoodClient, receiver: WebhookReceiver): Promise<string> {
  const saved = (await client.configure(
    'admin',
    'PUT',
    `/organisations/${WEBHOOK_ORGANISATION}/webhook`,
    // The invariants account for task.assigned (one per acknowledged assign): only those are sent.
    { url: receiver.url, eventKinds: ['task.assigned'] },
  )) as { secret: string };
  return saved.secret;
}

/**
 * A delivery as the partner's receiver reads it: the Standard Webhooks signature verified (a
 * delivery that does not verify fails the run), then the CloudEvent's id, type and references.
 */
function receivedWebhook(secret: string, request: ReceivedRequest): Observed['webhooks'][number] {
  const event = verifiedEvent(secret, request);
  const data = (event.data ?? {}) as { caseId?: string; taskKey?: string };
  return {
    id: event.id,
    kind: event.type.replace(/^nl\.schakel\./, ''),
    caseId: data.caseId ?? null,
    data: { taskKey: data.taskKey },
  };
}

async function run(options: FaultOptions, track: (stop: () => Promise<void>) => void) {
  const startedAt = new Date();
  log(`starting PostgreSQL, Redis, Temporal and the apps (${options.profile} profile)`);
  const stack = await FaultStack.start(APP_ENVIRONMENT, track);
  const receiver = await startWebhookReceiver(() => 200);
  try {
    const client = new GoodClient({
      baseUrl: stack.apiUrl,
      requestTimeoutMs: options.requestTimeoutMs,
      actionDeadlineMs: options.actionDeadlineMs,
    });
    const webhookSecret = await registerWebhook(client, receiver);
    log(
      `driving ${options.cases} cases over ${options.windowMs / 1000} s; apps: ${stack.appNames.join(', ')}`,
    );
    const loadStarted = Date.now();
    const progress = setInterval(
      () =>
        log(
          `  ${client.caseIds.size} cases opened, ${client.handoversAcknowledged} handovers acknowledged`,
        ),
      PROGRESS_INTERVAL_MS,
    );
    const [faults] = await Promise.all([
      injectFaults(stack, client, options, loadStarted),
      driveLoad(client, options, loadStarted),
    ]).finally(() => clearInterval(progress));
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    log(`load done: ${client.handoversAcknowledged} handovers acknowledged; settling`);
    const settleStarted = Date.now();
    const caseIds = [...client.caseIds.values()];
    const settled = await settle(stack, caseIds, options.settleTimeoutMs);
    const settleSeconds = (Date.now() - settleStarted) / 1000;
    const observed: Observed = {
      acknowledgements: client.acknowledgements,
      abandoned: client.abandoned,
      webhooks: receiver.requests.map((request) => receivedWebhook(webhookSecret, request)),
      webhookOrganisation: WEBHOOK_ORGANISATION,
      redisOutages: faults.filter((fault) => fault.name === 'redis-down'),
    };
    const { violations, tally } = await stack.database(async (database) =>
      checkInvariants(database, await stack.workflows(), observed),
    );
    for (const fault of faults) {
      if (fault.notInjected) {
        violations.push({
          invariant: INVARIANTS.faultsInjected,
          detail: `${fault.name}: ${fault.notInjected}`,
        });
      }
      for (const detail of fault.divergence ?? []) {
        violations.push({
          invariant: INVARIANTS.durableFirst,
          detail: `${fault.detail}: ${detail}`,
        });
      }
    }
    const closed = await stack.database(async (database) => {
      const { rows } = await database.query<{ closed: number }>(
        `SELECT count(*)::int AS closed FROM cases WHERE status = 'closed'`,
      );
      return rows[0]?.closed ?? 0;
    });
    const silent = await selfCheck(stack, observed);
    const result = {
      startedAt: startedAt.toISOString(),
      options,
      apps: stack.appNames,
      seconds: {
        load: Math.round(loadSeconds),
        settle: Math.round(settleSeconds),
        total: Math.round((Date.now() - startedAt.getTime()) / 1000),
      },
      cases: { driven: caseIds.length, closed, abandoned: client.abandoned.length },
      handoversAcknowledged: client.handoversAcknowledged,
      handovers: tally,
      faults: faultFigures(faults, client.acknowledgements),
      clientErrors: Object.fromEntries(client.errors),
      invariants: invariantCounts(violations),
      violations,
      acknowledgements: client.acknowledgements,
      settled,
      silentInvariants: silent,
    };
    printReport(result);
    console.log(`\nResults: ${writeResult(result)}`);
    if (violations.length || !settled)
      console.error(`\nApp output (last lines):\n${stack.output()}`);
    return violations.length === 0 && settled && silent.length === 0;
  } finally {
    await receiver.close();
    await stack.stop();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  let stopStack: (() => Promise<void>) | undefined;
  const interrupt = (code: number) => {
    console.error('\nStopping the fault stack…');
    void (stopStack?.() ?? Promise.resolve()).finally(() => process.exit(code));
  };
  process.once('SIGINT', () => interrupt(130));
  process.once('SIGTERM', () => interrupt(143));
  const passed = await run(options, (stop) => (stopStack = stop));
  process.exitCode = passed ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

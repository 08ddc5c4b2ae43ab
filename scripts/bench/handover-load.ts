import { performance } from 'node:perf_hooks';
import { ApiClient, type InboxItem } from './api-client';
import {
  CHAIN_USERS,
  DEBT_CHAIN_STAGES,
  debtIntake,
  HANDOVERS_PER_CASE,
  INTAKE_USER,
  type ScriptedStep,
} from './debt-chain';
import { ProgressBar } from './progress';
import { Latencies, runPool, type LatencySummary, type PhaseHooks } from './stats';

export interface ThroughputResult {
  cases: number;
  handovers: number;
  concurrency: number;
  seconds: number;
  casesPerSecond: number;
  handoversPerSecond: number;
  latency: Record<string, LatencySummary>;
  /** Authenticated HTTP calls made (all but sign-in): each owes one audit line. */
  authenticatedCalls: number;
  caseIds: string[];
}

/** Pages through the caseworker's inbox (newest first, this step only) until the case's task shows. */
async function findTask(
  api: ApiClient,
  scripted: ScriptedStep,
  caseId: string,
  pageSize: number,
): Promise<InboxItem> {
  let query = `stepId=${scripted.stepId}&sort=-opened&limit=${pageSize}`;
  for (let page = 0; page < 20; page++) {
    const inbox = await api.inbox(scripted.username, query);
    const task = inbox.items.find((item) => item.caseId === caseId);
    if (task) return task;
    if (!inbox.nextCursor) break;
    query = `stepId=${scripted.stepId}&sort=-opened&limit=${pageSize}&cursor=${inbox.nextCursor}`;
  }
  throw new Error(`${scripted.username} has no open ${scripted.stepId} task for case ${caseId}`);
}

/**
 * N cases through the debt chain at the given concurrency, each handover the way a caseworker does
 * it: find the task in the inbox, claim it, complete it with the step's data.
 */
export async function driveCases(
  apiUrls: string[],
  cases: number,
  concurrency: number,
  hooks?: PhaseHooks,
): Promise<ThroughputResult> {
  const latencies = new Latencies();
  const api = new ApiClient(apiUrls, latencies);
  for (const username of CHAIN_USERS) await api.login(username);
  // With this page size the newest page holds every in-flight task of a step.
  const pageSize = Math.min(200, Math.max(50, concurrency * 2));
  const progress = new ProgressBar('Handovers through the HTTP API', cases * HANDOVERS_PER_CASE);
  const caseIds: string[] = [];
  hooks?.started();
  const started = performance.now();
  await runPool(cases, concurrency, async (index) => {
    const caseId = await api.intake(INTAKE_USER, debtIntake(index));
    caseIds.push(caseId);
    for (const stage of DEBT_CHAIN_STAGES) {
      await Promise.all(
        stage.map(async (scripted) => {
          const task = await findTask(api, scripted, caseId, pageSize);
          await api.claim(scripted.username, task.id);
          await api.complete(scripted.username, task.id, scripted.outcome, scripted.data);
          progress.tick();
        }),
      );
    }
  });
  const seconds = (performance.now() - started) / 1000;
  hooks?.finished();
  progress.finish();
  const { login: _login, ...latency } = latencies.summary();
  return {
    cases,
    handovers: cases * HANDOVERS_PER_CASE,
    concurrency,
    seconds: Math.round(seconds * 100) / 100,
    casesPerSecond: Math.round((cases / seconds) * 100) / 100,
    handoversPerSecond: Math.round(((cases * HANDOVERS_PER_CASE) / seconds) * 100) / 100,
    latency,
    authenticatedCalls: Object.values(latency).reduce((sum, { count }) => sum + count, 0),
    caseIds,
  };
}

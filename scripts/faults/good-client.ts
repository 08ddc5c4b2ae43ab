import { setTimeout as sleep } from 'node:timers/promises';
import { DEBT_CHAIN_STAGES, debtIntake, INTAKE_USER, type ScriptedStep } from '../bench/debt-chain';

const DEMO_PASSWORD = 'schakel-demo';
/** Steps whose task the first caseworker assigns to a colleague: each raises a notification. */
export const ASSIGNED_STEPS = new Set(['outreach', 'first-conversation']);
const colleagueOf = (username: string) => username.replace(/\.medewerker$/, '.collega');

export interface InboxItem {
  id: string;
  caseId: string;
  taskKey: string;
  stepId: string;
}

type Method = 'GET' | 'POST' | 'PUT';

/** One request's final answer after the client's retries. */
interface Answer {
  status: number;
  body: unknown;
}

/** A request the server acknowledged (2xx), as the client saw it. */
export interface Acknowledgement {
  caseIndex: number;
  caseId: string;
  action: 'intake' | 'claim' | 'assign' | 'complete';
  stepId?: string;
  taskKey?: string;
  idempotencyKey: string;
  /** For an assign: who the task went to (the notification's recipient). */
  assigneeId?: string;
  /** The request path, as the audit log records it. */
  path: string;
  /** First attempt sent, and the 2xx received. */
  sentAt: number;
  at: number;
}

export interface ClientOptions {
  baseUrl: string;
  /** One HTTP attempt may take this long before the client gives up on it and retries. */
  requestTimeoutMs: number;
  /** How long one action keeps being retried (same Idempotency-Key) before the case is abandoned. */
  actionDeadlineMs: number;
}

/** The Idempotency-Key of one task action: the same on every retry. */
export const actionKey = (caseIndex: number, taskKey: string, action: string) =>
  `case-${caseIndex}-${taskKey}-${action}`;

class GiveUp extends Error {}

/**
 * Drives cases of the debt chain through the HTTP API the way a careful client does: every write
 * with a stable Idempotency-Key, retried with backoff and the SAME key on network errors, timeouts,
 * 5xx and 409-in-flight; every acknowledged (2xx) write recorded. Talks only to 127.0.0.1.
 */
export class GoodClient {
  readonly acknowledgements: Acknowledgement[] = [];
  /** Failed attempts by HTTP status, or `network` / `timeout`. */
  readonly errors = new Map<string, number>();
  readonly abandoned: { caseIndex: number; reason: string }[] = [];
  readonly caseIds = new Map<number, string>();
  private readonly tokens = new Map<string, string>();
  private readonly userIds = new Map<string, string>();
  private gate: Promise<void> = Promise.resolve();

  constructor(private readonly options: ClientOptions) {}

  /** The case with this index from intake to its end; a case the client cannot finish is recorded. */
  async runCase(
    caseIndex: number,
    aroundComplete?: (
      step: ScriptedStep,
      task: InboxItem,
      send: () => Promise<void>,
    ) => Promise<void>,
  ): Promise<void> {
    try {
      const caseId = await this.intake(caseIndex);
      for (const stage of DEBT_CHAIN_STAGES) {
        await Promise.all(
          stage.map(async (step) => {
            const task = await this.findTask(step, caseId);
            const worker = ASSIGNED_STEPS.has(step.stepId)
              ? colleagueOf(step.username)
              : step.username;
            if (worker === step.username) {
              await this.act(caseIndex, caseId, step, task, 'claim', step.username, {});
            } else {
              const assigneeId = await this.userId(worker);
              await this.act(caseIndex, caseId, step, task, 'assign', step.username, {
                assigneeId,
              });
            }
            const send = () =>
              this.act(caseIndex, caseId, step, task, 'complete', worker, {
                outcome: step.outcome,
                data: step.data,
              });
            await (aroundComplete ? aroundComplete(step, task, send) : send());
          }),
        );
      }
    } catch (error) {
      if (!(error instanceof GiveUp)) throw error;
      this.abandoned.push({ caseIndex, reason: error.message });
    }
  }

  /** Handovers (completes) acknowledged so far. */
  get handoversAcknowledged(): number {
    return this.acknowledgements.filter((ack) => ack.action === 'complete').length;
  }

  private async intake(caseIndex: number): Promise<string> {
    const key = `case-${caseIndex}-intake`;
    const sentAt = Date.now();
    const answer = await this.write(INTAKE_USER, '/cases', debtIntake(caseIndex), key);
    const caseId = (answer.body as { case: { id: string } }).case.id;
    this.caseIds.set(caseIndex, caseId);
    this.acknowledge({
      caseIndex,
      caseId,
      action: 'intake',
      idempotencyKey: key,
      path: '/cases',
      sentAt,
    });
    return caseId;
  }

  private async act(
    caseIndex: number,
    caseId: string,
    step: ScriptedStep,
    task: InboxItem,
    action: 'claim' | 'assign' | 'complete',
    username: string,
    body: Record<string, unknown>,
  ): Promise<void> {
    const key = actionKey(caseIndex, task.taskKey, action);
    const path = `/tasks/${task.id}/${action}`;
    const sentAt = Date.now();
    await this.write(username, path, body, key);
    this.acknowledge({
      path,
      sentAt,
      caseIndex,
      caseId,
      action,
      stepId: step.stepId,
      taskKey: task.taskKey,
      idempotencyKey: key,
      ...(action === 'assign' ? { assigneeId: body.assigneeId as string } : {}),
    });
  }

  private acknowledge(ack: Omit<Acknowledgement, 'at'>): void {
    this.acknowledgements.push({ ...ack, at: Date.now() });
  }

  /** Pages the organisation's inbox (newest first, this step) until the case's task shows. */
  private async findTask(step: ScriptedStep, caseId: string): Promise<InboxItem> {
    const deadline = Date.now() + this.options.actionDeadlineMs;
    while (Date.now() < deadline) {
      let cursor: string | null = null;
      do {
        const query = `stepId=${step.stepId}&sort=-opened&limit=200${cursor ? `&cursor=${cursor}` : ''}`;
        const answer = await this.send(
          step.username,
          'GET',
          `/tasks?${query}`,
          undefined,
          undefined,
          deadline,
        );
        const page = answer.body as { items: InboxItem[]; nextCursor: string | null };
        const task = page.items.find((item) => item.caseId === caseId);
        if (task) return task;
        cursor = page.nextCursor;
      } while (cursor);
      await sleep(500);
    }
    throw new GiveUp(`no ${step.stepId} task for case ${caseId} in ${step.username}'s inbox`);
  }

  private async userId(username: string): Promise<string> {
    let id = this.userIds.get(username);
    if (!id) {
      const deadline = Date.now() + this.options.actionDeadlineMs;
      id = (
        (await this.send(username, 'GET', '/auth/me', undefined, undefined, deadline)).body as {
          id: string;
        }
      ).id;
      this.userIds.set(username, id);
    }
    return id;
  }

  /** Holds every further attempt (of every case) until the returned function is called. */
  pause(): () => void {
    let release = () => undefined as void;
    this.gate = new Promise((resolve) => (release = resolve));
    return release;
  }

  /** A setup call (e.g. registering a webhook), retried like every other. */
  async configure(username: string, method: Method, path: string, body: object): Promise<unknown> {
    const deadline = Date.now() + this.options.actionDeadlineMs;
    return (await this.send(username, method, path, body, undefined, deadline)).body;
  }

  private write(username: string, path: string, body: object, key: string): Promise<Answer> {
    return this.send(username, 'POST', path, body, key, Date.now() + this.options.actionDeadlineMs);
  }

  /**
   * One request, retried until it is answered with something other than a transient failure or
   * the deadline passes. A 404 on a task the inbox showed is retried too: the read side may be ahead
   * of the workflow (the client cannot tell), and the key makes the retry safe.
   */
  private async send(
    username: string,
    method: Method,
    path: string,
    body: object | undefined,
    key: string | undefined,
    deadline: number,
  ): Promise<Answer> {
    let backoffMs = 250;
    for (let attempt = 1; ; attempt++) {
      const answer = await this.attempt(username, method, path, body, key);
      if (answer.status >= 200 && answer.status < 300) return answer;
      this.count(answer.status === 0 ? String(answer.body) : String(answer.status));
      if (!retryable(answer, path)) {
        throw new GiveUp(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      if (Date.now() + backoffMs > deadline) {
        throw new GiveUp(
          `${method} ${path}: still ${answer.status || answer.body} after ${attempt} attempts`,
        );
      }
      await sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 5_000);
    }
  }

  private async attempt(
    username: string,
    method: Method,
    path: string,
    body: object | undefined,
    key: string | undefined,
  ): Promise<Answer> {
    await this.gate;
    try {
      const headers: Record<string, string> = {
        authorization: `Bearer ${await this.token(username)}`,
      };
      if (body) headers['content-type'] = 'application/json';
      if (key) headers['idempotency-key'] = key;
      const response = await fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
      const text = await response.text();
      return { status: response.status, body: text ? safeJson(text) : undefined };
    } catch (error) {
      return { status: 0, body: error instanceof LoginFailed ? error.message : failureKind(error) };
    }
  }

  private async token(username: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const response = await fetch(`${this.options.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      signal: AbortSignal.timeout(this.options.requestTimeoutMs),
    });
    if (!response.ok) throw new LoginFailed(`login ${response.status}`);
    const token = ((await response.json()) as { accessToken: string }).accessToken;
    this.tokens.set(username, token);
    return token;
  }

  private count(kind: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }
}

class LoginFailed extends Error {}

const failureKind = (error: unknown) =>
  (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Transient: network, timeout, 5xx, 409 in flight, 429, and 404 on a task the inbox showed. */
function retryable(answer: Answer, path: string): boolean {
  if (answer.status === 0 || answer.status >= 500) return true;
  if (answer.status === 409 || answer.status === 429) return true;
  return answer.status === 404 && path.startsWith('/tasks/');
}

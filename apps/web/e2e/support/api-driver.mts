import { DEMO_PASSWORD } from './environment.mts';

/**
 * Arranges what a scenario starts from through the API, as the demo users (the browser only does
 * what the scenario is about).
 */
interface Task {
  id: string;
  caseId: string;
  stepId: string;
  status: string;
}

const POLL_MS = 250;
const WAIT_MS = 30_000;

export class ApiDriver {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async as(username: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const { accessToken } = await this.call<{ accessToken: string }>('', 'POST', '/auth/login', {
      username,
      password: DEMO_PASSWORD,
    });
    this.tokens.set(username, accessToken);
    return accessToken;
  }

  async call<T>(
    username: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const send = async () => {
      const token = username ? await this.as(username) : undefined;
      return fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    };
    let response = await send();
    if (response.status === 401 && username) {
      // The person signed out in the browser meanwhile, which revokes every token of theirs.
      this.tokens.delete(username);
      response = await send();
    }
    const text = await response.text();
    if (!response.ok)
      throw new Error(
        `${method} ${path} as ${username || 'anonymous'}: ${response.status} ${text}`,
      );
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async openCase(
    username: string,
    request: Record<string, unknown>,
  ): Promise<{ id: string; number: number }> {
    const opened = await this.call<{ case: { id: string; number: number } }>(
      username,
      'POST',
      '/cases',
      request,
    );
    return opened.case;
  }

  /** Waits until the organisation of `username` has the case's open task for the step. */
  async openTask(username: string, caseId: string, stepId: string): Promise<Task> {
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      const page = await this.call<{ items: Task[] }>(
        username,
        'GET',
        '/tasks?view=open&limit=200',
      );
      const task = page.items.find((item) => item.caseId === caseId && item.stepId === stepId);
      if (task) return task;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error(
      `No open task ${stepId} of case ${caseId} for ${username} within ${WAIT_MS / 1000} s`,
    );
  }

  async completeStep(
    username: string,
    caseId: string,
    stepId: string,
    outcome: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    const task = await this.openTask(username, caseId, stepId);
    await this.call(username, 'POST', `/tasks/${task.id}/claim`);
    await this.call(username, 'POST', `/tasks/${task.id}/complete`, { outcome, data });
  }

  async returnStep(
    username: string,
    caseId: string,
    stepId: string,
    reason: string,
  ): Promise<void> {
    const task = await this.openTask(username, caseId, stepId);
    await this.call(username, 'POST', `/tasks/${task.id}/claim`);
    await this.call(username, 'POST', `/tasks/${task.id}/return`, { reason });
  }
}

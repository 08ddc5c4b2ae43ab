import type { TestStack } from './test-stack';

export interface InboxTask {
  id: string;
  caseId: string;
  taskKey: string;
  stepId: string;
  partnerId: string;
  assigneeId: string | null;
}

/** Drives cases through the public HTTP API as the right caseworkers, the way people would. */
export class CaseDriver {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly stack: TestStack) {}

  async as(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = await this.stack.bearer(username);
      this.tokens.set(username, token);
    }
    return token;
  }

  async open(username: string, body: Record<string, unknown>, idempotencyKey?: string) {
    const request = this.stack
      .http()
      .post('/cases')
      .set('Authorization', await this.as(username));
    if (idempotencyKey) request.set('Idempotency-Key', idempotencyKey);
    const response = await request.send(body);
    if (response.status !== 201)
      throw new Error(`intake failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as {
      case: { id: string; number: number };
      transition: { opened: { stepId: string }[] };
    };
  }

  /** The open task of a step in a case, as found in the holding organisation's inbox. */
  async task(username: string, caseId: string, stepId: string): Promise<InboxTask> {
    const response = await this.stack
      .http()
      .get(`/tasks?stepId=${stepId}&limit=200`)
      .set('Authorization', await this.as(username))
      .expect(200);
    const task = (response.body.items as InboxTask[]).find((item) => item.caseId === caseId);
    if (!task) throw new Error(`${username} has no open ${stepId} task for case ${caseId}`);
    return task;
  }

  async post(username: string, path: string, body: unknown = {}, idempotencyKey?: string) {
    const request = this.stack
      .http()
      .post(path)
      .set('Authorization', await this.as(username));
    if (idempotencyKey) request.set('Idempotency-Key', idempotencyKey);
    return request.send(body as object);
  }

  /** Claims and completes the step's open task; fails the test on any refusal. */
  async complete(
    username: string,
    caseId: string,
    stepId: string,
    outcome: string,
    data: Record<string, unknown> = {},
  ) {
    const task = await this.task(username, caseId, stepId);
    await this.expectOk(await this.post(username, `/tasks/${task.id}/claim`));
    const response = await this.post(username, `/tasks/${task.id}/complete`, { outcome, data });
    await this.expectOk(response);
    return response.body as {
      opened: { stepId: string; partnerId: string }[];
      status: string;
      ended?: { endId: string; result: string };
    };
  }

  async get(username: string, path: string) {
    return this.stack
      .http()
      .get(path)
      .set('Authorization', await this.as(username));
  }

  async expectOk(response: { status: number; body: unknown }) {
    if (response.status !== 200)
      throw new Error(`expected 200, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
}

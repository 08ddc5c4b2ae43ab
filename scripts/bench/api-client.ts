import type { Latencies } from './stats';

const DEMO_PASSWORD = 'schakel-demo';

export interface InboxItem {
  id: string;
  caseId: string;
  stepId: string;
}

interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

/**
 * The public HTTP API as the demo users see it, every call timed under its operation name. With
 * several API processes, calls go to each in turn, as a round-robin load balancer sends them.
 */
export class ApiClient {
  private readonly tokens = new Map<string, string>();
  private calls = 0;

  constructor(
    private readonly baseUrls: string[],
    private readonly latencies: Latencies,
  ) {}

  async login(username: string): Promise<void> {
    const body = await this.call('login', 'POST', '/auth/login', undefined, {
      username,
      password: DEMO_PASSWORD,
    });
    this.tokens.set(username, (body as { accessToken: string }).accessToken);
  }

  inbox(username: string, query: string): Promise<InboxPage> {
    return this.call('inbox', 'GET', `/tasks?${query}`, username) as Promise<InboxPage>;
  }

  async intake(username: string, body: object): Promise<string> {
    const opened = (await this.call('intake', 'POST', '/cases', username, body)) as {
      case: { id: string };
    };
    return opened.case.id;
  }

  async claim(username: string, taskId: string): Promise<void> {
    await this.call('claim', 'POST', `/tasks/${taskId}/claim`, username, {});
  }

  async complete(username: string, taskId: string, outcome: string, data: object): Promise<void> {
    await this.call('complete', 'POST', `/tasks/${taskId}/complete`, username, { outcome, data });
  }

  /** Any GET as a signed-in user, timed under the given name. */
  get(name: string, username: string, path: string): Promise<unknown> {
    return this.call(name, 'GET', path, username);
  }

  private async call(
    name: string,
    method: 'GET' | 'POST',
    path: string,
    username?: string,
    body?: object,
  ): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (body) headers['content-type'] = 'application/json';
    if (username) {
      const token = this.tokens.get(username);
      if (!token) throw new Error(`${username} has not signed in`);
      headers.authorization = `Bearer ${token}`;
    }
    const { status, text } = await this.latencies.time(name, async () => {
      const baseUrl = this.baseUrls[this.calls++ % this.baseUrls.length] as string;
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, text: await response.text() };
    });
    if (status >= 300) throw new Error(`${method} ${path}: ${status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}

import { DataSource } from 'typeorm';
import { CaseProjectionRepository, KpiRollupRepository } from '@schakel/database';
import { publishDebtChainCopy, ScriptedCase } from './support/scripted-case';
import { startTestStack, type TestStack } from './support/test-stack';

/** A chain of its own: no other test's cases count here. */
const CHAIN = 'metrics-proef';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** The value of one series in the Prometheus text, or undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('Prometheus metrics', () => {
  let stack: TestStack;
  let dataSource: DataSource;
  let openedBy: string;
  const scrape = async () => (await stack.http().get('/metrics').expect(200)).text;
  const labels = (partner: string) => `{chain="${CHAIN}",partner="${partner}"}`;

  beforeAll(async () => {
    // Groups of one case are left out, so the fixture shows suppressed and shown series side by side.
    stack = await startTestStack({ worker: false, environment: { KPI_MIN_GROUP_SIZE: '2' } });
    dataSource = stack.api.get(DataSource);
    await publishDebtChainCopy(dataSource, CHAIN, 'Metrics-proef');
    [{ id: openedBy }] = await dataSource.query(
      `SELECT id FROM users WHERE username = 'operations'`,
    );
  }, 120_000);

  afterAll(() => stack.close());

  it('declares every business series of a published chain at zero before anything happens', async () => {
    const text = await scrape();
    for (const partner of ['gemeente', 'kredietbank', 'woningcorporatie']) {
      expect(sample(text, `schakel_tasks_open${labels(partner)}`)).toBe(0);
      expect(sample(text, `schakel_tasks_overdue${labels(partner)}`)).toBe(0);
    }
    expect(sample(text, `schakel_cases_opened_total{chain="${CHAIN}"}`)).toBe(0);
    expect(sample(text, `schakel_cases_closed_total{chain="${CHAIN}"}`)).toBe(0);
    // No completed task measured yet: a share of nothing is left out, not shown as 0 or 1.
    expect(text).not.toContain(`schakel_tasks_within_norm_ratio${labels('gemeente')}`);
  });

  it('counts open and overdue tasks, the within-norm share and cases, leaving out small groups', async () => {
    const projections = stack.api.get(CaseProjectionRepository);
    const scripted = () => new ScriptedCase(projections, CHAIN, 1);
    // Three cases whose matching step was completed in the window: two on time, one 20 days late.
    for (const openedAgo of [2 * HOUR, 2 * HOUR, 20 * DAY]) {
      const done = await scripted().open(dataSource, openedBy, ago(openedAgo));
      await done.apply(done.taskOpened('matching#1', 'gemeente', ago(openedAgo)));
      await done.apply(done.claimed('matching#1', ago(openedAgo - HOUR / 2)));
      await done.apply(
        done.completed('matching#1', ago(HOUR)),
        done.closed(ago(HOUR), { endId: 'declined', result: 'droppedOut', exitReason: 'x' }),
      );
    }
    // Two cases with an open outreach at the municipality, one of them past its due date…
    for (const due of [ago(DAY), new Date(Date.now() + DAY).toISOString()]) {
      const open = await scripted().open(dataSource, openedBy, ago(2 * DAY));
      await open.apply(open.taskOpened('outreach#1', 'gemeente', ago(2 * DAY), [], due));
    }
    // …and a single case at the credit bank: one case is too few to show.
    const single = await scripted().open(dataSource, openedBy, ago(2 * DAY));
    await single.apply(
      single.taskOpened('first-conversation#1', 'kredietbank', ago(2 * DAY), [], ago(DAY)),
    );

    // The within-norm share reads task facts, which the KPI rollup writes (no worker here).
    await stack.api.get(KpiRollupRepository).drain();
    // Past the snapshot's few seconds of caching.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const text = await scrape();
    expect(sample(text, `schakel_tasks_open${labels('gemeente')}`)).toBe(2);
    expect(sample(text, `schakel_tasks_overdue${labels('gemeente')}`)).toBeUndefined();
    expect(sample(text, `schakel_tasks_open${labels('kredietbank')}`)).toBeUndefined();
    expect(sample(text, `schakel_tasks_overdue${labels('kredietbank')}`)).toBeUndefined();
    expect(sample(text, `schakel_tasks_open${labels('woningcorporatie')}`)).toBe(0);
    expect(sample(text, `schakel_tasks_within_norm_ratio${labels('gemeente')}`)).toBeCloseTo(2 / 3);
    expect(sample(text, `schakel_cases_opened_total{chain="${CHAIN}"}`)).toBe(6);
    expect(sample(text, `schakel_cases_closed_total{chain="${CHAIN}"}`)).toBe(3);
  }, 60_000);

  it('counts the answers guards and the sign-in throttle give (401, 403, 429)', async () => {
    await stack.http().get('/audit-log').expect(401);
    await stack
      .http()
      .get('/audit-log')
      .set('Authorization', await stack.bearer('operations'))
      .expect(403);
    await stack.http().post('/cases').set('Content-Type', 'application/json').send('{').expect(400);
    // Five failures per account are allowed (AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT), the sixth is throttled.
    // An account of this test's own: a demo account would stay locked for the other test files.
    const account = `throttle-probe-${Date.now()}`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const login = await stack
        .http()
        .post('/auth/login')
        .send({ username: account, password: 'not-the-password' });
      statuses.push(login.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const text = await scrape();
    expect(
      sample(
        text,
        'schakel_http_request_duration_seconds_count{method="POST",route="/auth/login",status="429"}',
      ),
    ).toBe(1);
    for (const status of ['401', '403']) {
      expect(
        sample(
          text,
          `schakel_http_request_duration_seconds_count{method="GET",route="/audit-log",status="${status}"}`,
        ),
      ).toBe(1);
    }
    expect(
      sample(
        text,
        'schakel_http_request_duration_seconds_count{method="POST",route="unmatched",status="400"}',
      ),
    ).toBe(1);
  });
});

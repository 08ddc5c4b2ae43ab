import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { validateXML } from 'xmllint-wasm';
import { CaseProjectionRepository, KpiRollupRepository } from '@schakel/database';
import { publishDebtChainCopy, ScriptedCase } from './support/scripted-case';
import { startTestStack, type TestStack } from './support/test-stack';

/** A chain of its own (a copy of the debt chain's model), so other test files' cases never mix in. */
const CHAIN = 'kpi-proef';
const YEARS = 'from=2023-01-01&to=2025-12-31';
/** The XES schema the export must validate against (see docs/kpis.md#exports). */
const XES_SCHEMA = 'apps/api/src/exports/xes-ieee-1849-2016.xsd';

/**
 * Checks that an XML document is well formed as far as element nesting goes and counts its
 * elements by name: enough to prove an export is a tree with the right number of traces and events.
 */
function xmlElements(xml: string): Map<string, number> {
  const counts = new Map<string, number>();
  const open: string[] = [];
  for (const [, closing, name, , selfClosing] of xml.matchAll(
    /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/g,
  )) {
    if (closing) {
      if (open.pop() !== name) throw new Error(`</${name}> closes nothing open`);
      continue;
    }
    counts.set(name, (counts.get(name) ?? 0) + 1);
    if (!selfClosing) open.push(name);
  }
  if (open.length > 0) throw new Error(`unclosed elements: ${open.join(', ')}`);
  return counts;
}

/** Hours in whole milliseconds (rounded, as the API rounds percentiles). */
const hours = (h: number) => Math.round(h * 3_600_000);

describe('KPIs from a scripted case history', () => {
  let stack: TestStack;
  let dataSource: DataSource;
  let a: ScriptedCase;
  let events = 0;
  let tasks = 0;

  const get = async (username: string, path: string) =>
    stack
      .http()
      .get(path)
      .set('Authorization', await stack.bearer(username));
  const ops = async (path: string) => {
    const response = await get('operations', path);
    expect(response.status).toBe(200);
    return response.body;
  };
  const row = <T extends { stepId?: string }>(rows: T[], stepId: string) =>
    rows.find((r) => r.stepId === stepId);

  beforeAll(async () => {
    // Groups of one case are suppressed, so the fixture shows suppression and exact figures side by side.
    stack = await startTestStack({ worker: false, environment: { KPI_MIN_GROUP_SIZE: '2' } });
    dataSource = stack.api.get(DataSource);
    const projections = stack.api.get(CaseProjectionRepository);
    await publishDebtChainCopy(dataSource, CHAIN, 'KPI-proef');
    const [{ id: openedBy }] = await dataSource.query(
      `SELECT id FROM users WHERE username = 'operations'`,
    );
    const scripted = () => new ScriptedCase(projections, CHAIN, 1);

    // A — Christmas and New Year (CET): holidays, a weekend, a suspension, a return, a late step, drop-out.
    a = await scripted().open(dataSource, openedBy, '2024-12-23T09:00:00+01:00');
    await a.apply(a.taskOpened('matching#1', 'gemeente', '2024-12-23T09:00:00+01:00'));
    await a.apply(a.claimed('matching#1', '2024-12-23T11:00:00+01:00'));
    await a.apply(
      a.completed('matching#1', '2024-12-27T10:00:00+01:00'),
      a.taskOpened('outreach#1', 'gemeente', '2024-12-27T10:00:00+01:00', ['matching#1']),
    );
    await a.apply(a.claimed('outreach#1', '2024-12-30T09:00:00+01:00'));
    await a.apply(a.suspended('outreach#1', '2024-12-30T12:00:00+01:00'));
    await a.apply(a.resumed('outreach#1', '2025-01-02T12:00:00+01:00'));
    await a.apply(
      a.completed('outreach#1', '2025-01-03T16:00:00+01:00'),
      a.taskOpened('first-conversation#1', 'kredietbank', '2025-01-03T16:00:00+01:00', [
        'outreach#1',
      ]),
    );
    await a.apply(a.claimed('first-conversation#1', '2025-01-06T09:00:00+01:00'));
    await a.apply(
      a.returned('first-conversation#1', '2025-01-06T10:00:00+01:00'),
      a.taskOpened('outreach#2', 'gemeente', '2025-01-06T10:00:00+01:00', ['first-conversation#1']),
    );
    await a.apply(a.claimed('outreach#2', '2025-01-06T11:00:00+01:00'));
    await a.apply(
      a.completed('outreach#2', '2025-01-07T15:00:00+01:00'),
      a.taskOpened('first-conversation#2', 'kredietbank', '2025-01-07T15:00:00+01:00', [
        'outreach#2',
      ]),
    );
    await a.apply(a.claimed('first-conversation#2', '2025-01-08T09:00:00+01:00'));
    await a.apply(a.escalationRaised('first-conversation#2', '2025-01-21T09:00:00+01:00', 1));
    await a.apply(
      a.completed('first-conversation#2', '2025-01-28T12:00:00+01:00'),
      a.closed('2025-01-28T12:00:00+01:00', {
        endId: 'declined',
        result: 'droppedOut',
        exitReason: 'declined',
      }),
    );

    // B — Koningsdag 2023 (Thursday 27 April, CEST): matching is on time only because it is a holiday.
    const b = await scripted().open(dataSource, openedBy, '2023-04-26T09:00:00+02:00');
    await b.apply(b.taskOpened('matching#1', 'gemeente', '2023-04-26T09:00:00+02:00'));
    await b.apply(b.claimed('matching#1', '2023-04-26T10:00:00+02:00'));
    await b.apply(
      b.completed('matching#1', '2023-05-02T09:00:00+02:00'),
      b.taskOpened('outreach#1', 'gemeente', '2023-05-02T09:00:00+02:00', ['matching#1']),
    );
    await b.apply(b.claimed('outreach#1', '2023-05-02T13:00:00+02:00'));
    await b.apply(
      b.completed('outreach#1', '2023-05-03T13:00:00+02:00'),
      b.taskOpened('first-conversation#1', 'kredietbank', '2023-05-03T13:00:00+02:00', [
        'outreach#1',
      ]),
    );
    await b.apply(b.escalationRaised('first-conversation#1', '2023-05-25T08:00:00+02:00', 1));
    await b.apply(b.claimed('first-conversation#1', '2023-05-25T09:00:00+02:00'));
    await b.apply(
      b.completed('first-conversation#1', '2023-05-26T11:00:00+02:00'),
      b.taskOpened(
        'feedback#1',
        'woningcorporatie',
        '2023-05-26T11:00:00+02:00',
        ['first-conversation#1'],
        '2023-05-31T23:59:59.999+02:00',
      ),
    );

    // C — over a weekend, then closed by the regisseur while outreach was waiting.
    const c = await scripted().open(dataSource, openedBy, '2024-06-07T15:00:00+02:00');
    await c.apply(c.taskOpened('matching#1', 'gemeente', '2024-06-07T15:00:00+02:00'));
    await c.apply(c.claimed('matching#1', '2024-06-10T09:00:00+02:00'));
    await c.apply(
      c.completed('matching#1', '2024-06-10T17:00:00+02:00'),
      c.taskOpened('outreach#1', 'gemeente', '2024-06-10T17:00:00+02:00', ['matching#1']),
    );
    await c.apply(
      c.cancelled('outreach#1', '2024-06-11T10:00:00+02:00'),
      c.closed('2024-06-11T10:00:00+02:00', {
        endId: 'declined',
        result: 'droppedOut',
        exitReason: 'declined',
      }),
    );

    // D — still open: a claimed feedback task past its due date.
    const d = await scripted().open(dataSource, openedBy, '2025-03-03T09:00:00+01:00');
    await d.apply(
      d.taskOpened(
        'feedback#1',
        'woningcorporatie',
        '2025-03-03T09:00:00+01:00',
        [],
        '2025-03-05T23:59:59.999+01:00',
      ),
    );
    await d.apply(d.claimed('feedback#1', '2025-03-04T10:00:00+01:00'));

    for (const kase of [a, b, c, d]) {
      events += kase.applied.reduce((sum, projection) => sum + projection.events.length, 0);
      tasks += kase.applied.reduce((sum, projection) => sum + projection.opened.length, 0);
    }
    // Facts and daily task aggregates follow the projections off their path (no worker here).
    await stack.api.get(KpiRollupRepository).drain();

    // The regisseur's queue (issue 5) holds the escalations; resolving A's took 7 days and 3 hours.
    await dataSource.query(
      `INSERT INTO escalations (id, case_id, chain_id, model_version, task_key, step_id, partner_id, trigger, level,
         level_name, owner, status, raised_at, level_since, resolved_at)
       VALUES ($1, $2, $3, 1, 'first-conversation#2', 'first-conversation', 'kredietbank', 'norm-breached', 1,
         'Operationeel', 'regisseur', 'resolved', '2025-01-21T09:00:00+01:00', '2025-01-21T09:00:00+01:00',
         '2025-01-28T12:00:00+01:00'),
         ($4, $5, $3, 1, 'first-conversation#1', 'first-conversation', 'kredietbank', 'norm-breached', 1,
         'Operationeel', 'regisseur', 'open', '2023-05-25T08:00:00+02:00', '2023-05-25T08:00:00+02:00', NULL)`,
      [`${a.id}:esc`, a.id, CHAIN, `${b.id}:esc`, b.id],
    );
  });
  afterAll(() => stack.close());

  it('writes the facts once, however often a projection is re-applied', async () => {
    const count = async () =>
      (
        await dataSource.query(
          `SELECT (SELECT count(*) FROM task_facts WHERE chain_id = $1) AS facts,
             (SELECT sum(events) FROM kpi_event_counts WHERE chain_id = $1) AS daily,
             (SELECT sum(tasks) FROM kpi_task_daily WHERE chain_id = $1) AS aggregated,
             (SELECT sum(cases) FROM kpi_task_daily WHERE chain_id = $1) AS aggregated_cases,
             (SELECT count(DISTINCT (case_id, step_id, partner_id)) FROM task_facts WHERE chain_id = $1) AS cases,
             (SELECT sum(working) FROM kpi_task_histogram WHERE chain_id = $1) AS bucketed,
             (SELECT count(working_ms) FILTER (WHERE status = 'completed') FROM task_facts WHERE chain_id = $1) AS timed`,
          [CHAIN],
        )
      )[0];
    const before = await count();
    for (const projection of a.applied)
      await stack.api.get(CaseProjectionRepository).apply(projection);
    // Re-applied projections queue the case again; the rollup then finds nothing missing.
    expect(
      await dataSource.query(`SELECT 1 FROM kpi_fact_queue WHERE case_id = $1`, [a.id]),
    ).not.toEqual([]);
    await stack.api.get(KpiRollupRepository).drain();
    expect(await count()).toEqual(before);
    expect(Number(before.facts)).toBe(10);
    expect(Number(before.daily)).toBe(events);
    // The daily aggregates add each fact, and each case of a group, exactly once.
    expect(before.aggregated).toBe(before.facts);
    expect(before.aggregated_cases).toBe(before.cases);
    expect(before.bucketed).toBe(before.timed);
  });

  it('lead times per step and partner, and end to end per chain', async () => {
    const body = await ops(`/kpis/lead-times?chainId=${CHAIN}&${YEARS}`);
    expect(row(body.steps, 'matching')).toEqual({
      chainId: CHAIN,
      stepId: 'matching',
      partnerId: 'gemeente',
      cases: 3,
      tasks: 3,
      workingMedianMs: hours(95),
      workingP90Ms: hours(133.4),
      waitingMedianMs: hours(2),
      waitingP90Ms: hours(53.2),
      handoverMedianMs: null,
      handoverP90Ms: null,
      suppressed: false,
    });
    // Outreach: A's first attempt spent three days suspended, which its working time leaves out.
    expect(row(body.steps, 'outreach')).toMatchObject({
      cases: 2,
      tasks: 3,
      workingMedianMs: hours(28),
      workingP90Ms: hours(30.4),
      waitingMedianMs: hours(4),
      waitingP90Ms: hours(57.6),
      handoverMedianMs: hours(4),
      handoverP90Ms: hours(57.6),
    });
    expect(row(body.steps, 'first-conversation')).toMatchObject({
      cases: 2,
      tasks: 2,
      workingMedianMs: hours(254.5),
      workingP90Ms: hours(437.3),
      waitingMedianMs: hours(271),
      waitingP90Ms: hours(473.4),
    });
    expect(body.cases).toEqual([
      {
        chainId: CHAIN,
        cases: 2,
        leadMedianMs: hours(479),
        leadP90Ms: hours(789.4),
        handoversPerCase: 2.5,
        returnsPerCase: 0.5,
        suppressed: false,
      },
    ]);
  });

  it('% within norm on the norm’s own calendar (Koningsdag, Christmas, the suspension)', async () => {
    const body = await ops(`/kpis/within-norm?chainId=${CHAIN}&${YEARS}`);
    expect(body.rows).toEqual([
      expect.objectContaining({
        stepId: 'first-conversation',
        normAmount: 28,
        normUnit: 'calendarDays',
        measured: 2,
        within: 0,
        share: 0,
        elapsedMedian: 33,
      }),
      expect.objectContaining({
        stepId: 'matching',
        normAmount: 3,
        normUnit: 'workingDays',
        measured: 3,
        within: 3,
        share: 1,
        elapsedMedian: 2,
      }),
      expect.objectContaining({
        stepId: 'outreach',
        normAmount: 10,
        normUnit: 'workingDays',
        measured: 3,
        within: 3,
        share: 1,
        elapsedMedian: 1,
      }),
    ]);
    const facts = await dataSource.query(
      `SELECT task_key, elapsed_in_unit::float AS elapsed, within_norm FROM task_facts WHERE case_id = $1 ORDER BY closed_at`,
      [a.id],
    );
    // Outreach#1: 4 working days from 27 Dec to 3 Jan, less the 2 (31 Dec, 2 Jan) the suspension crossed.
    expect(facts.find((f: { task_key: string }) => f.task_key === 'outreach#1')).toEqual({
      task_key: 'outreach#1',
      elapsed: 2,
      within_norm: true,
    });
  });

  it('rework, drop-out, escalations and clock changes', async () => {
    const rework = await ops(`/kpis/rework?chainId=${CHAIN}&${YEARS}`);
    expect(row(rework.steps, 'first-conversation')).toMatchObject({
      tasks: 3,
      returned: 1,
      rate: 0.3333,
    });
    expect(row(rework.steps, 'outreach')).toMatchObject({ tasks: 4, returned: 0, rate: 0 });
    expect(rework.cases).toEqual([
      { chainId: CHAIN, cases: 2, withReturn: 1, returns: 1, rate: 0.5, suppressed: false },
    ]);

    const dropOut = await ops(`/kpis/drop-out?chainId=${CHAIN}&${YEARS}`);
    expect(dropOut.rows).toEqual([
      { chainId: CHAIN, exitReason: 'declined', cases: 2, closed: 2, rate: 1, suppressed: false },
    ]);

    const escalations = await ops(`/kpis/escalations?chainId=${CHAIN}&${YEARS}`);
    expect(escalations.rows).toEqual([
      {
        chainId: CHAIN,
        level: 1,
        trigger: 'norm-breached',
        cases: 2,
        raised: 2,
        resolved: 1,
        resolveMedianMs: hours(171),
        resolveP90Ms: hours(171),
        suppressed: false,
      },
    ]);

    const clock = await ops(`/kpis/clock-changes?chainId=${CHAIN}&${YEARS}`);
    expect(row(clock.rows, 'outreach')).toMatchObject({
      tasks: 4,
      suspendedTasks: 1,
      suspensions: 1,
      suspendedMedianMs: hours(72),
      extendedTasks: 0,
    });
  });

  it('throughput per week, small counts suppressed', async () => {
    const body = await ops(
      `/kpis/throughput?chainId=${CHAIN}&from=2024-12-23&to=2025-01-12&interval=week`,
    );
    expect(body.rows).toEqual([
      { period: '2024-12-23', opened: null, closed: 0, handovers: null },
      { period: '2024-12-30', opened: 0, closed: 0, handovers: null },
      { period: '2025-01-06', opened: 0, closed: 0, handovers: 2 },
    ]);
  });

  it('work in progress now, with a group of one case suppressed', async () => {
    const body = await ops(`/kpis/work-in-progress?chainId=${CHAIN}`);
    expect(body.rows).toEqual([
      expect.objectContaining({
        stepId: 'feedback',
        partnerId: 'woningcorporatie',
        cases: 2,
        open: 2,
        unclaimed: 1,
        overNorm: 2,
        agedOver28Days: 2,
        suppressed: false,
      }),
    ]);
    const gemeente = await ops(`/kpis/work-in-progress?chainId=${CHAIN}&partnerId=gemeente`);
    expect(gemeente.rows).toEqual([]);
    // The median age of an even group is the mean of its middle two (as percentile_cont): with
    // two tasks it lies half their opening gap below the oldest's age, whenever it is asked.
    const opened: { ms: number }[] = await dataSource.query(
      `SELECT extract(epoch FROM opened_at) * 1000 AS ms FROM tasks
       WHERE chain_id = $1 AND step_id = 'feedback' AND status = 'open' ORDER BY opened_at`,
      [CHAIN],
    );
    const [{ ageMaxMs, ageMedianMs }] = body.rows;
    expect(
      Math.abs(ageMaxMs - ageMedianMs - (opened[1].ms - opened[0].ms) / 2),
    ).toBeLessThanOrEqual(1);
  });

  it('scorecards: all partners for operations and the regisseur, only their own for a caseworker', async () => {
    const own = await get(
      'gemeente.medewerker',
      `/kpis/scorecards/gemeente?chainId=${CHAIN}&${YEARS}`,
    );
    expect(own.status).toBe(200);
    expect(row(own.body.steps, 'matching')).toMatchObject({
      tasks: 3,
      completed: 3,
      workingMedianMs: hours(95),
      normAmount: 3,
      normUnit: 'workingDays',
      withinNormShare: 1,
      escalations: 0,
    });
    expect((await get('gemeente.medewerker', `/kpis/scorecards/kredietbank`)).status).toBe(403);
    expect((await get('gemeente.medewerker', `/kpis/throughput`)).status).toBe(403);
    const kredietbank = await get(
      'regisseur',
      `/kpis/scorecards/kredietbank?chainId=${CHAIN}&${YEARS}`,
    );
    expect(kredietbank.status).toBe(200);
    expect(kredietbank.body.steps).toEqual([
      expect.objectContaining({
        stepId: 'first-conversation',
        tasks: 3,
        completed: 2,
        returned: 1,
        measured: 2,
        within: 0,
        withinNormShare: 0,
        escalations: 2,
      }),
    ]);
    expect((await get('operations', '/kpis/scorecards/nobody')).status).toBe(404);
  });

  it('names the offending field of a bad filter', async () => {
    const response = await get('operations', '/kpis/lead-times?from=2025-02-30&modelVersion=x');
    expect(response.status).toBe(400);
    expect(
      [...new Set(response.body.errors.map((e: { field: string }) => e.field))].sort(),
    ).toEqual(['from', 'modelVersion']);
    const reversed = await get('operations', '/kpis/lead-times?from=2025-02-01&to=2025-01-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
  });

  it('exports the event log as XES: one trace per case, every event', async () => {
    const response = await get('operations', `/exports/event-log.xes?chainId=${CHAIN}&${YEARS}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/xml/);
    const xml = response.text;
    const elements = xmlElements(xml);
    expect(elements.get('log')).toBe(1);
    expect(elements.get('trace')).toBe(4);
    expect(elements.get('event')).toBe(events);
    expect(xml).toContain('<string key="lifecycle:transition" value="ate_abort"/>');
    expect(xml).toContain('<string key="org:group" value="kredietbank"/>');
    // Case A repeats outreach: its two instances stay apart.
    expect(xml).toContain('<string key="concept:instance" value="outreach#2"/>');
    const validation = await validateXML({
      xml: { fileName: 'export.xes', contents: xml },
      schema: { fileName: 'xes.xsd', contents: readFileSync(XES_SCHEMA, 'utf8') },
    });
    expect(validation.errors).toEqual([]);
  });

  it('exports the event log as OCEL 2.0 JSON with cases, tasks and partners as objects', async () => {
    const response = await get(
      'regisseur',
      `/exports/event-log.ocel.json?chainId=${CHAIN}&${YEARS}`,
    );
    expect(response.status).toBe(200);
    const ocel = JSON.parse(response.text);
    const byType = (type: string) => ocel.objects.filter((o: { type: string }) => o.type === type);
    expect(byType('case')).toHaveLength(4);
    expect(byType('task')).toHaveLength(tasks);
    expect(byType('partner').length).toBeGreaterThanOrEqual(4);
    expect(ocel.events).toHaveLength(events);
    const ids = new Set(ocel.objects.map((o: { id: string }) => o.id));
    for (const event of ocel.events)
      for (const relation of event.relationships) expect(ids.has(relation.objectId)).toBe(true);
    expect(ocel.objectTypes.map((t: { name: string }) => t.name)).toEqual([
      'case',
      'task',
      'partner',
    ]);
    expect(new Set(ocel.events.map((e: { type: string }) => e.type))).toEqual(
      new Set(ocel.eventTypes.map((t: { name: string }) => t.name)),
    );
    expect((await get('operations', '/exports/event-log.xes?chainId=no-such-chain')).status).toBe(
      404,
    );
  });

  it('exposes the Prometheus series', async () => {
    await get('operations', '/kpis/throughput');
    const response = await stack.http().get('/metrics').expect(200);
    for (const series of [
      `schakel_handovers_total{chain="${CHAIN}"} 8`,
      `schakel_escalations_total{chain="${CHAIN}",level="1"} 2`,
      `schakel_step_duration_seconds_count{chain="${CHAIN}",step="matching"} 3`,
      'schakel_step_duration_seconds_bucket{',
      'schakel_queue_depth{queue="notifications",state="waiting"}',
      'schakel_http_request_duration_seconds_bucket{',
      'process_cpu_user_seconds_total',
    ]) {
      expect(response.text).toContain(series);
    }
  });
});

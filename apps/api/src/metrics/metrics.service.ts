import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  type Metric,
  Registry,
} from 'prom-client';
import { EnvironmentVariables } from '@schakel/config';
import {
  CaseFlagRepository,
  KpiQueryRepository,
  OutboxRepository,
  type MetricsSnapshot,
} from '@schakel/database';
import { QUEUE_NAMES } from '@schakel/queue';
import { isSmallGroup } from '../kpis/suppression';

/** Upper bounds of the step-duration buckets, in seconds: an hour up to twelve weeks. */
export const STEP_DURATION_BUCKETS = [
  3600,
  4 * 3600,
  86_400,
  2 * 86_400,
  5 * 86_400,
  7 * 86_400,
  14 * 86_400,
  28 * 86_400,
  42 * 86_400,
  56 * 86_400,
  84 * 86_400,
];

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Scrapes closer together than this share one read of the database. */
const SNAPSHOT_TTL_MS = 5_000;

/** The within-norm share covers the tasks closed in this many days before the scrape. */
export const WITHIN_NORM_WINDOW_DAYS = 28;

/**
 * The Prometheus registry of the API. Handovers, escalations and step durations happen in the
 * worker, but they are derived from the database at scrape time rather than counted in worker
 * memory: the record is the one source every API replica agrees on, it survives restarts, and an
 * activity Temporal retries can never count twice. Queue depths come from Redis, request latency
 * from an interceptor.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private snapshot?: { at: number; value: Promise<MetricsSnapshot> };

  constructor(
    private readonly kpis: KpiQueryRepository,
    private readonly env: EnvironmentVariables,
    @InjectQueue(QUEUE_NAMES.notifications) notifications: Queue,
    @InjectQueue(QUEUE_NAMES.webhookDeliveries) webhookDeliveries: Queue,
    outbox: OutboxRepository,
    flags: CaseFlagRepository,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: 'schakel_http_request_duration_seconds',
      help: 'API request latency by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    const read = () => this.read();
    new Counter({
      name: 'schakel_handovers_total',
      help: 'Tasks handed over from another task, from the event log',
      labelNames: ['chain'],
      registers,
      async collect() {
        this.reset();
        for (const row of (await read()).handovers) this.inc({ chain: row.chain_id }, row.count);
      },
    });
    new Counter({
      name: 'schakel_escalations_total',
      help: 'Escalations raised or moved up a level, by the level reached, from the event log',
      labelNames: ['chain', 'level'],
      registers,
      async collect() {
        this.reset();
        for (const row of (await read()).escalations)
          this.inc({ chain: row.chain_id, level: row.level }, row.count);
      },
    });
    new Gauge({
      name: 'schakel_queue_depth',
      help: 'BullMQ jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        for (const queue of [notifications, webhookDeliveries]) {
          const counts = await queue.getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES)
            this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'schakel_outbox_pending',
      help: 'Notifications written with a transition but not yet relayed to the queue (alert when it grows)',
      registers,
      async collect() {
        this.set((await outbox.backlog()).pending);
      },
    });
    new Gauge({
      name: 'schakel_outbox_oldest_seconds',
      help: 'Age of the oldest notification waiting in the outbox (relay or Redis down when it climbs)',
      registers,
      async collect() {
        this.set((await outbox.backlog()).oldestSeconds);
      },
    });
    new Gauge({
      name: 'schakel_case_flags_open',
      help: 'Cases flagged for operators: refused projections and reconciler drift (alert on > 0)',
      labelNames: ['kind'],
      registers,
      async collect() {
        for (const [kind, count] of Object.entries(await flags.countOpen()))
          this.set({ kind }, count);
      },
    });
    this.businessSeries(read, registers);
    // prom-client cannot set a histogram's buckets, so this one is a plain metric object it serialises.
    this.registry.registerMetric(stepDurations(read) as unknown as Metric);
  }

  /**
   * Work in the chain now and cases over time. Every chain and partner of a published model has
   * its series from the start (zero until something happens); a non-zero figure computed from
   * fewer cases than the KPI minimum is left out, never shown as zero.
   */
  private businessSeries(read: () => Promise<MetricsSnapshot>, registers: Registry[]): void {
    const min = this.env.KPI_MIN_GROUP_SIZE;
    const shown = (value: number, cases: number) => value === 0 || !isSmallGroup(cases, min);
    const perPartner = (
      name: string,
      help: string,
      figure: (row: MetricsSnapshot['openTasks'][number]) => [number, number],
    ) =>
      new Gauge({
        name,
        help,
        labelNames: ['chain', 'partner'],
        registers,
        async collect() {
          this.reset();
          const snapshot = await read();
          const rows = new Map(
            snapshot.openTasks.map((row) => [`${row.chain_id}/${row.partner_id}`, row]),
          );
          for (const { chain_id, partner_id } of snapshot.partners) {
            const row = rows.get(`${chain_id}/${partner_id}`);
            const [value, cases] = row ? figure(row) : [0, 0];
            if (shown(value, cases)) this.set({ chain: chain_id, partner: partner_id }, value);
          }
        },
      });
    perPartner('schakel_tasks_open', 'Open tasks now per chain and partner', (row) => [
      row.open,
      row.cases,
    ]);
    perPartner(
      'schakel_tasks_overdue',
      'Open tasks past their due date per chain and partner',
      (row) => [row.overdue, row.overdue_cases],
    );
    new Gauge({
      name: 'schakel_tasks_within_norm_ratio',
      help: `Share of completed tasks closed within their norm in the last ${WITHIN_NORM_WINDOW_DAYS} days, per chain and partner`,
      labelNames: ['chain', 'partner'],
      registers,
      async collect() {
        this.reset();
        for (const row of (await read()).withinNorm)
          if (!isSmallGroup(row.cases, min))
            this.set({ chain: row.chain_id, partner: row.partner_id }, row.within / row.measured);
      },
    });
    const perChain = (
      name: string,
      help: string,
      figure: (row: MetricsSnapshot['cases'][number]) => number,
    ) =>
      new Counter({
        name,
        help,
        labelNames: ['chain'],
        registers,
        async collect() {
          this.reset();
          const snapshot = await read();
          const counts = new Map(snapshot.cases.map((row) => [row.chain_id, figure(row)]));
          for (const chain of new Set(snapshot.partners.map((row) => row.chain_id))) {
            const count = counts.get(chain) ?? 0;
            if (shown(count, count)) this.inc({ chain }, count);
          }
        },
      });
    perChain(
      'schakel_cases_opened_total',
      'Cases opened per chain, from the case records',
      (row) => row.opened,
    );
    perChain(
      'schakel_cases_closed_total',
      'Cases ended (closed or cancelled) per chain, from the case records',
      (row) => row.closed,
    );
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  /** The aggregates behind the series, without groups of fewer cases than the KPI minimum. */
  private read(): Promise<MetricsSnapshot> {
    const now = Date.now();
    if (!this.snapshot || now - this.snapshot.at > SNAPSHOT_TTL_MS) {
      const shown = <T extends { cases: number }>(rows: T[]) =>
        rows.filter((row) => !isSmallGroup(row.cases, this.env.KPI_MIN_GROUP_SIZE));
      const value = this.kpis
        .metrics(
          STEP_DURATION_BUCKETS.map((seconds) => seconds * 1000),
          WITHIN_NORM_WINDOW_DAYS,
        )
        .then((snapshot) => ({
          ...snapshot,
          handovers: shown(snapshot.handovers),
          escalations: shown(snapshot.escalations),
          stepDurations: shown(snapshot.stepDurations),
        }));
      // A failed read is retried at the next scrape instead of being served for the TTL.
      value.catch(() => (this.snapshot = undefined));
      this.snapshot = { at: now, value };
    }
    return this.snapshot.value;
  }
}

/** `schakel_step_duration_seconds`: working time of completed tasks, cumulative buckets per chain and step. */
function stepDurations(read: () => Promise<MetricsSnapshot>) {
  const name = 'schakel_step_duration_seconds';
  const help =
    'Lead time of completed tasks (claimed to completed, less suspension), from the task facts';
  return {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    async get() {
      const values = (await read()).stepDurations.flatMap((row) => {
        const labels = { chain: row.chain_id, step: row.step_id };
        return [
          ...STEP_DURATION_BUCKETS.map((le, i) => ({
            metricName: `${name}_bucket`,
            labels: { ...labels, le },
            value: row.buckets[i],
          })),
          { metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: row.count },
          { metricName: `${name}_sum`, labels, value: row.sum_ms / 1000 },
          { metricName: `${name}_count`, labels, value: row.count },
        ];
      });
      return { name, help, type: 'histogram', aggregator: 'sum', values };
    },
  };
}

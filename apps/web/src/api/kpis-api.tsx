/**
 * KPIs (issue 6). Figures of groups smaller than the minimum group size come back as null
 * (suppressed for privacy); the console shows them as "—".
 */
import type { HttpClient } from './http-client';

export interface KpiQuery {
  chainId: string;
  modelVersion?: number;
  /** First day, YYYY-MM-DD (the API's default: a year back). */
  from?: string;
}

type Figure = number | null;

export interface ThroughputRow {
  period: string;
  opened: Figure;
  closed: Figure;
  handovers: Figure;
}

export interface WorkInProgressRow {
  stepId: string;
  partnerId: string;
  suppressed: boolean;
  open: Figure;
  unclaimed: Figure;
  overNorm: Figure;
  ageMedianMs: Figure;
  agedOver7Days: Figure;
  agedOver28Days: Figure;
}

export interface StepLeadTime {
  stepId: string;
  partnerId: string;
  suppressed: boolean;
  tasks: Figure;
  workingMedianMs: Figure;
  workingP90Ms: Figure;
  waitingMedianMs: Figure;
}

export interface WithinNormRow {
  stepId: string;
  partnerId: string;
  suppressed: boolean;
  measured: Figure;
  within: Figure;
  share: Figure;
}

export interface EscalationRow {
  level: number;
  trigger: string;
  suppressed: boolean;
  raised: Figure;
  resolved: Figure;
}

export const EVENT_LOG_EXPORTS = ['event-log.xes', 'event-log.ocel.json'] as const;
export type EventLogExport = (typeof EVENT_LOG_EXPORTS)[number];

export const kpisApi = {
  throughput: (http: HttpClient, query: KpiQuery) =>
    http
      .get<{ rows: ThroughputRow[] }>('/kpis/throughput', { query: { ...query, interval: 'week' } })
      .then((body) => body.rows),
  workInProgress: (http: HttpClient, query: KpiQuery) =>
    http
      .get<{ rows: WorkInProgressRow[] }>('/kpis/work-in-progress', { query: { ...query } })
      .then((body) => body.rows),
  leadTimes: (http: HttpClient, query: KpiQuery) =>
    http
      .get<{ steps: StepLeadTime[] }>('/kpis/lead-times', { query: { ...query } })
      .then((body) => body.steps),
  withinNorm: (http: HttpClient, query: KpiQuery) =>
    http
      .get<{ rows: WithinNormRow[] }>('/kpis/within-norm', { query: { ...query } })
      .then((body) => body.rows),
  escalations: (http: HttpClient, query: KpiQuery) =>
    http
      .get<{ rows: EscalationRow[] }>('/kpis/escalations', { query: { ...query } })
      .then((body) => body.rows),
  eventLog: (http: HttpClient, kind: EventLogExport, chainId: string) =>
    http.get<string>(`/exports/${kind}`, { query: { chainId }, accept: '*/*', asText: true }),
};

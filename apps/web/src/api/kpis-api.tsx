/**
 * KPIs (issue 6). Figures of groups smaller than the minimum group size come back as null with
 * `suppressed: true` (privacy, issue 12); the console shows them as "onderdrukt"/"suppressed"
 * with the minimum in a tooltip, never as missing or zero. Each group row carries the minimum.
 */
import type { HttpClient } from './http-client';

export interface KpiQuery {
  chainId: string;
  modelVersion?: number;
  /** First day, YYYY-MM-DD (the API's default: a year back). */
  from?: string;
}

type Figure = number | null;

/** A group the small-group rule applies to: whether it was suppressed, and the minimum it missed. */
export interface Group {
  suppressed: boolean;
  minGroupSize: number;
}

type Minimum = { minGroupSize: number } | { filter: { minGroupSize: number } };

const minimumOf = (body: Minimum) =>
  'minGroupSize' in body ? body.minGroupSize : body.filter.minGroupSize;

/** Tags each row with the response's minimum group size, so a suppressed row can explain itself. */
const withMinimum = <T,>(rows: Omit<T, 'minGroupSize'>[], body: Minimum): T[] =>
  rows.map((row) => ({ ...row, minGroupSize: minimumOf(body) }) as T);

export interface ThroughputRow {
  period: string;
  opened: Figure;
  closed: Figure;
  handovers: Figure;
}

export interface WorkInProgressRow extends Group {
  stepId: string;
  partnerId: string;
  open: Figure;
  unclaimed: Figure;
  overNorm: Figure;
  ageMedianMs: Figure;
  agedOver7Days: Figure;
  agedOver28Days: Figure;
  /** Open tasks with an open escalation. */
  openEscalations: Figure;
}

export interface StepLeadTime extends Group {
  stepId: string;
  partnerId: string;
  tasks: Figure;
  workingMedianMs: Figure;
  workingP90Ms: Figure;
  waitingMedianMs: Figure;
}

export interface WithinNormRow extends Group {
  stepId: string;
  partnerId: string;
  measured: Figure;
  within: Figure;
  share: Figure;
}

export interface EscalationRow extends Group {
  level: number;
  trigger: string;
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
      .get<{ rows: WorkInProgressRow[]; minGroupSize: number }>('/kpis/work-in-progress', {
        query: { ...query },
      })
      .then((body) => withMinimum<WorkInProgressRow>(body.rows, body)),
  leadTimes: (http: HttpClient, query: KpiQuery) =>
    http
      .get<{ steps: StepLeadTime[]; filter: { minGroupSize: number } }>('/kpis/lead-times', {
        query: { ...query },
      })
      .then((body) => withMinimum<StepLeadTime>(body.steps, body)),
  withinNorm: (http: HttpClient, query: KpiQuery) =>
    http
      .get<{ rows: WithinNormRow[]; filter: { minGroupSize: number } }>('/kpis/within-norm', {
        query: { ...query },
      })
      .then((body) => withMinimum<WithinNormRow>(body.rows, body)),
  escalations: (http: HttpClient, query: KpiQuery) =>
    http
      .get<{ rows: EscalationRow[]; filter: { minGroupSize: number } }>('/kpis/escalations', {
        query: { ...query },
      })
      .then((body) => withMinimum<EscalationRow>(body.rows, body)),
  eventLog: (http: HttpClient, kind: EventLogExport, chainId: string) =>
    http.get<string>(`/exports/${kind}`, { query: { chainId }, accept: '*/*', asText: true }),
};

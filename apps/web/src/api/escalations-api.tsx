/** Escalations and the regisseur's actions (issue 5). */
import { once, type HttpClient } from './http-client';
import type { CaseSummary, CaseTask, OfferedActions, TimelineEntry } from './types';

export const ESCALATION_TRIGGERS = [
  'norm-breached',
  'claim-overdue',
  'returned-repeatedly',
  'case-stalled',
  'partners-disagree',
  'case-overdue',
] as const;

export interface Escalation {
  id: string;
  caseId: string;
  chainId: string;
  taskKey?: string;
  stepId?: string;
  partnerId?: string;
  trigger: string;
  level: number;
  levelName: string;
  owner: string;
  status: 'open' | 'resolved';
  raisedAt: string;
  levelSince: string;
  levelDueAt?: string;
  ageSeconds: number;
  resolvedAt?: string;
  resolution?: string;
}

/** The regisseur's actions on the escalation and its task; none for operations. */
export interface EscalationDetail extends OfferedActions {
  escalation: Escalation;
  /** Process data only: who holds the case, since when — never its content. */
  case: CaseSummary;
  tasks: CaseTask[];
  history: Escalation[];
  timeline: TimelineEntry[];
}

/** What the regisseur does on the escalation itself (the ladder); each needs a recorded reason. */
export type EscalationAction = 'resolve' | 'escalate' | 'de-escalate';

export interface EscalationActionRequest {
  action: EscalationAction;
  reason: string;
}

const enc = encodeURIComponent;

export const escalationsApi = {
  queue: (http: HttpClient, query: { chainId?: string; level?: number }) =>
    http.get<{ items: Escalation[]; total: number }>('/escalations', {
      query: { status: 'open', sort: 'level', limit: 200, ...query },
    }),
  detail: (http: HttpClient, id: string) => http.get<EscalationDetail>(`/escalations/${enc(id)}`),
  act: (http: HttpClient, escalation: { id: string }, request: EscalationActionRequest) => {
    const { action, ...body } = request;
    return http.post<unknown>(`/escalations/${enc(escalation.id)}/${action}`, body, once());
  },
};

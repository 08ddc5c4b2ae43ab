/** Escalations and the regisseur's actions (issue 5). */
import { once, type HttpClient } from './http-client';
import type { CaseSummary, CaseTask, TimelineEntry } from './types';

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

export interface EscalationDetail {
  escalation: Escalation;
  /** Process data only: who holds the case, since when — never its content. */
  case: CaseSummary;
  tasks: CaseTask[];
  history: Escalation[];
  timeline: TimelineEntry[];
}

/** What the regisseur can do about an escalation; each needs a recorded reason. */
export const ESCALATION_ACTIONS = [
  'remind',
  'reassign',
  'extend',
  'skip',
  'escalate',
  'de-escalate',
  'resolve',
] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

export interface EscalationActionRequest {
  action: EscalationAction;
  reason: string;
  /** reassign: the partner that takes the task over. */
  partnerId?: string;
  /** extend: the new due date (ISO). */
  dueAt?: string;
}

const enc = encodeURIComponent;

function actionPath(escalation: Escalation, action: EscalationAction): string {
  const onEscalation = ['escalate', 'de-escalate', 'resolve'].includes(action);
  if (onEscalation || !escalation.taskKey) return `/escalations/${enc(escalation.id)}/${action}`;
  return `/cases/${enc(escalation.caseId)}/tasks/${enc(escalation.taskKey)}/${action}`;
}

export const escalationsApi = {
  queue: (http: HttpClient, query: { chainId?: string; level?: number }) =>
    http.get<{ items: Escalation[]; total: number }>('/escalations', {
      query: { status: 'open', sort: 'level', limit: 200, ...query },
    }),
  detail: (http: HttpClient, id: string) => http.get<EscalationDetail>(`/escalations/${enc(id)}`),
  act: (http: HttpClient, escalation: Escalation, request: EscalationActionRequest) => {
    const { action, ...body } = request;
    return http.post<unknown>(actionPath(escalation, action), body, once());
  },
};

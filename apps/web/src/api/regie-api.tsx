/** The regisseur's interventions on a case (issue 5); each carries its recorded reason. */
import { once, type HttpClient } from './http-client';

const enc = encodeURIComponent;

export type WaitingFor = 'client' | 'partner';

export const regieApi = {
  /** An intervention on one task: reassign, extend, suspend, resume, remind, skip. */
  onTask: (http: HttpClient, caseId: string, taskKey: string, action: string, body: object) =>
    http.post<unknown>(`/cases/${enc(caseId)}/tasks/${enc(taskKey)}/${action}`, body, once()),
  suspend: (
    http: HttpClient,
    caseId: string,
    taskKey: string,
    waitingFor: WaitingFor,
    reason: string,
  ) => regieApi.onTask(http, caseId, taskKey, 'suspend', { waitingFor, reason }),
  suspendCase: (http: HttpClient, caseId: string, waitingFor: WaitingFor, reason: string) =>
    http.post<unknown>(`/cases/${enc(caseId)}/suspend`, { waitingFor, reason }, once()),
  resumeCase: (http: HttpClient, caseId: string, reason: string) =>
    http.post<unknown>(`/cases/${enc(caseId)}/resume`, { reason }, once()),
  extendCase: (http: HttpClient, caseId: string, dueAt: string, reason: string) =>
    http.post<unknown>(`/cases/${enc(caseId)}/extend`, { dueAt, reason }, once()),
  close: (http: HttpClient, caseId: string, endId: string, reason: string) =>
    http.post<unknown>(`/cases/${enc(caseId)}/close`, { endId, reason }, once()),
  cancel: (http: HttpClient, caseId: string, reason: string) =>
    http.post<unknown>(`/cases/${enc(caseId)}/cancel`, { reason }, once()),
  recordAgreement: (http: HttpClient, caseId: string, reason: string, escalationId?: string) =>
    http.post<unknown>(`/cases/${enc(caseId)}/agreements`, { reason, escalationId }, once()),
  reopen: (http: HttpClient, caseId: string, stepId: string, reason: string) =>
    http.post<unknown>(`/cases/${enc(caseId)}/steps/${enc(stepId)}/reopen`, { reason }, once()),
};

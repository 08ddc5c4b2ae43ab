import type { HttpClient } from './http-client';
import type { CaseData, Colleague, InboxPage, InboxQuery, TaskDetail, Transition } from './types';

const enc = encodeURIComponent;

export const tasksApi = {
  inbox: (http: HttpClient, query: InboxQuery) =>
    http.get<InboxPage>('/tasks', { query: { ...query, limit: 50 } }),
  detail: (http: HttpClient, taskId: string) => http.get<TaskDetail>(`/tasks/${enc(taskId)}`),
  claim: (http: HttpClient, taskId: string) => http.post<unknown>(`/tasks/${enc(taskId)}/claim`),
  unclaim: (http: HttpClient, taskId: string) =>
    http.post<unknown>(`/tasks/${enc(taskId)}/unclaim`),
  assign: (http: HttpClient, taskId: string, assigneeId: string) =>
    http.post<unknown>(`/tasks/${enc(taskId)}/assign`, { assigneeId }),
  complete: (http: HttpClient, taskId: string, outcome: string, data: CaseData) =>
    http.post<Transition>(`/tasks/${enc(taskId)}/complete`, { outcome, data }),
  giveBack: (http: HttpClient, taskId: string, reason: string, category?: string) =>
    http.post<unknown>(`/tasks/${enc(taskId)}/return`, { reason, category }),
  disagree: (http: HttpClient, taskId: string, reason: string) =>
    http.post<unknown>(`/tasks/${enc(taskId)}/disagree`, { reason }),
  colleagues: (http: HttpClient) => http.get<Colleague[]>('/users/colleagues'),
};

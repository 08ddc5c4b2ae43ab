import type { HttpClient } from './http-client';
import type { CasePage, TimelineEntry } from './types';

const enc = encodeURIComponent;

export const casesApi = {
  search: (http: HttpClient, query: { chainId?: string; status?: string; offset?: number }) =>
    http.get<CasePage>('/cases', { query: { ...query, limit: 200 } }),
  timeline: (http: HttpClient, caseId: string) =>
    http.get<TimelineEntry[]>(`/cases/${enc(caseId)}/timeline`),
  addNote: (http: HttpClient, caseId: string, text: string, taskKey?: string) =>
    http.post<unknown>(`/cases/${enc(caseId)}/notes`, { text, taskKey }),
};

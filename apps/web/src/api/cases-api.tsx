import { once, type HttpClient } from './http-client';
import type { CasePage, CaseView, OpenCaseRequest, OpenedCase, TimelineEntry } from './types';

const enc = encodeURIComponent;

export const casesApi = {
  search: (http: HttpClient, query: { chainId?: string; status?: string; offset?: number }) =>
    http.get<CasePage>('/cases', { query: { ...query, limit: 200 } }),
  get: (http: HttpClient, caseId: string) => http.get<CaseView>(`/cases/${enc(caseId)}`),
  timeline: (http: HttpClient, caseId: string) =>
    http.get<TimelineEntry[]>(`/cases/${enc(caseId)}/timeline`),
  /** A note for the author's organisation and, when named, these partners of the case. */
  addNote: (
    http: HttpClient,
    caseId: string,
    note: { text: string; taskKey?: string; sharedWith?: string[] },
  ) => http.post<unknown>(`/cases/${enc(caseId)}/notes`, note),
  /** Intake; the key is made once per form, so a double click or a retry opens one case. */
  open: (http: HttpClient, request: OpenCaseRequest, idempotencyKey: string) =>
    http.post<OpenedCase>('/cases', request, once(idempotencyKey)),
};

import type { HttpClient } from './http-client';
import type { ChainModels, Draft, ReferenceModel, ValidationReport } from './types';

const YAML = 'application/yaml';
const enc = encodeURIComponent;

export const modelsApi = {
  chains: (http: HttpClient) => http.get<ChainModels[]>('/models'),
  version: (http: HttpClient, chainId: string, version: number) =>
    http.get<ReferenceModel>(`/models/${enc(chainId)}/versions/${version}`),
  validate: (http: HttpClient, source: string) =>
    http.post<ValidationReport>('/models/validate', source, { contentType: YAML }),
  drafts: (http: HttpClient) => http.get<Draft[]>('/models/drafts'),
  createDraft: (http: HttpClient, source: string) =>
    http.post<Draft>('/models/drafts', source, { contentType: YAML }),
  saveDraft: (http: HttpClient, chainId: string, source: string) =>
    http.put<Draft>(`/models/drafts/${enc(chainId)}`, source, { contentType: YAML }),
  bpmn: (http: HttpClient, chainId: string, version: number) =>
    http.get<string>(`/models/${enc(chainId)}/versions/${version}/bpmn`, {
      accept: 'application/xml',
      asText: true,
    }),
  publish: (http: HttpClient, chainId: string) =>
    http.post<{ chainId: string; version: number }>(`/models/drafts/${enc(chainId)}/publish`),
};

/**
 * Custom search attributes so cases can be found in the Temporal UI. Process data only: no personal data.
 * An external cluster needs them registered once: `temporal operator search-attribute create --name CaseId --type Keyword` (etc.).
 */
export const CASE_SEARCH_ATTRIBUTES = {
  CaseId: 'Keyword',
  ChainId: 'Keyword',
  ModelVersion: 'Int',
  CurrentPartners: 'KeywordList',
} as const;

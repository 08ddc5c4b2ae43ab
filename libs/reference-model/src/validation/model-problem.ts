/** Every problem code the parser and validator can report; documented in docs/reference-model.md. */
export const PROBLEM_CODES = [
  // reading the document
  'too-large',
  'syntax-error',
  // structure (JSON Schema)
  'unsupported-schema-version',
  'missing-property',
  'unknown-property',
  'invalid-value',
  // references and ids
  'duplicate-id',
  'unknown-partner',
  'unknown-role',
  'unknown-field',
  'unknown-step',
  'unknown-source',
  'unknown-target',
  'unknown-outcome',
  'unknown-category',
  'invalid-expression',
  // flow
  'no-start-route',
  'unreachable-step',
  'no-path-to-end',
  'outcome-without-route',
  'no-default-route',
  'unbounded-rework',
  'join-without-split',
  'split-without-join',
  'conditional-parallel-branch',
  'invalid-gateway-routes',
  // norms and escalation
  'escalation-before-target',
  'escalation-ladder-order',
  'not-a-date-field',
  // data and privacy
  'field-never-collected',
  'handover-not-visible',
  'date-not-visible',
  'personal-date-anchor',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface ModelProblem {
  code: ProblemCode;
  /** JSON pointer (RFC 6901) into the model, e.g. `/steps/2/partner`; `` for the whole document. */
  path: string;
  /** Written for a model owner, naming the ids involved. */
  message: string;
  /** 1-based position in the source text, when the model was parsed from text. */
  line?: number;
  column?: number;
}

/** Builds a JSON pointer, escaping `~` and `/` as RFC 6901 requires. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function problem(code: ProblemCode, path: string, message: string): ModelProblem {
  return { code, path, message };
}

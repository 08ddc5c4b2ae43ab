import {
  parseModelDocument,
  validateModel,
  type ModelFormat,
  type ModelProblem,
  type ProblemCode,
  type ReferenceModel,
} from '@schakel/reference-model';

/** Problems that mean the document cannot be stored at all (as opposed to a draft still being worked on). */
const UNREADABLE: ReadonlySet<ProblemCode> = new Set(['too-large', 'syntax-error']);
const MALFORMED: ReadonlySet<ProblemCode> = new Set([
  'unsupported-schema-version',
  'missing-property',
  'unknown-property',
  'invalid-value',
]);

export type ModelDocument =
  | { kind: 'unreadable'; problems: ModelProblem[] }
  | { kind: 'malformed'; problems: ModelProblem[] }
  | {
      kind: 'readable';
      model: ReferenceModel;
      source: string;
      format: ModelFormat;
      /** Semantic problems (unreachable steps, unbounded rework, …): a draft may have them, a version may not. */
      problems: ModelProblem[];
    };

/**
 * Reads a model from a request body: YAML or JSON text (line numbers in problems), or an already
 * parsed JSON object (JSON-pointer paths only).
 */
export function readModelDocument(body: unknown, contentType: string | undefined): ModelDocument {
  const isText = typeof body === 'string';
  const source = isText ? body : JSON.stringify(body, null, 2);
  const format: ModelFormat = !isText || /json/.test(contentType ?? '') ? 'json' : 'yaml';
  const parsed = parseModelDocument(source, format);
  if (parsed.problems.some((problem) => UNREADABLE.has(problem.code))) {
    return { kind: 'unreadable', problems: parsed.problems };
  }
  const problems = validateModel(parsed.value).map((problem) => ({
    ...problem,
    ...(isText ? parsed.locate(problem.path) : {}),
  }));
  if (problems.some((problem) => MALFORMED.has(problem.code)))
    return { kind: 'malformed', problems };
  return { kind: 'readable', model: parsed.value as ReferenceModel, source, format, problems };
}

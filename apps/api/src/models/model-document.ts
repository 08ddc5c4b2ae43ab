import { inputProblems } from '@schakel/contracts/input-limits';
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

/** Strings of the model that PostgreSQL and the exports cannot carry (a NUL written as `\u0000` in JSON, …). */
function nonTextProblems(value: unknown): ModelProblem[] {
  return inputProblems(value, '')
    .filter((found) => found.code === 'control-character')
    .map((found) => ({
      code: 'invalid-value',
      path: found.field ? `/${found.field.split('.').join('/')}` : '',
      message: found.message,
    }));
}

/**
 * Reads a model from a request body: YAML or JSON text exactly as sent (the model endpoints parse
 * their bodies as text, so the size limit applies to the raw bytes and line numbers are the sender's).
 */
export function readModelDocument(body: unknown, contentType: string | undefined): ModelDocument {
  const source = typeof body === 'string' ? body : '';
  const format: ModelFormat = /json/.test(contentType ?? '') ? 'json' : 'yaml';
  const parsed = parseModelDocument(source, format);
  if (parsed.problems.some((problem) => UNREADABLE.has(problem.code))) {
    return { kind: 'unreadable', problems: parsed.problems };
  }
  const problems = [...nonTextProblems(parsed.value), ...validateModel(parsed.value)].map(
    (problem) => ({ ...problem, ...parsed.locate(problem.path) }),
  );
  if (problems.some((problem) => MALFORMED.has(problem.code)))
    return { kind: 'malformed', problems };
  return { kind: 'readable', model: parsed.value as ReferenceModel, source, format, problems };
}

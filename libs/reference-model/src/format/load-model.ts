import { ReferenceModel } from '../model/reference-model.types';
import { ModelProblem } from '../validation/model-problem';
import { validateModel } from '../validation/validate-model';
import { ModelFormat, parseModelDocument } from './parse-document';

export type LoadResult =
  | { ok: true; model: ReferenceModel; problems: [] }
  | { ok: false; model?: undefined; problems: ModelProblem[] };

/**
 * Reads and validates a model from YAML or JSON text. Every problem carries a JSON pointer and,
 * where the text has the node (or a parent of it), the line and column.
 */
export function loadModel(text: string, format?: ModelFormat): LoadResult {
  const parsed = parseModelDocument(text, format);
  if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems };
  const problems = validateModel(parsed.value).map((p) => ({ ...p, ...parsed.locate(p.path) }));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, model: parsed.value as ReferenceModel, problems: [] };
}

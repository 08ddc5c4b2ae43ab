import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { REFERENCE_MODEL_SCHEMA } from '../format/reference-model.schema';
import { ModelProblem, pointer, problem } from './model-problem';

let compiled: ValidateFunction | undefined;

/** Compiled on first use: importing the library (e.g. into a workflow bundle) stays cheap. */
function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, strictTypes: false }).compile(REFERENCE_MODEL_SCHEMA);
  return compiled;
}

function describe(value: unknown): string {
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function valueAt(document: unknown, path: string): unknown {
  let current = document;
  for (const segment of path.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    current =
      current && typeof current === 'object'
        ? (current as Record<string, unknown>)[key]
        : undefined;
  }
  return current;
}

function toProblem(error: ErrorObject, document: unknown): ModelProblem | undefined {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return undefined; // The failing `then`/`else` branch is reported on its own.
    case 'required':
      return problem(
        'missing-property',
        at + pointer(String(params.missingProperty)),
        `'${String(params.missingProperty)}' is required here`,
      );
    case 'additionalProperties':
      return problem(
        'unknown-property',
        at + pointer(String(params.additionalProperty)),
        `'${String(params.additionalProperty)}' is not a known property (custom keys must start with 'x-')`,
      );
    case 'const':
      if (at === '/schemaVersion') {
        return problem('unsupported-schema-version', at, 'this library reads schemaVersion 1 only');
      }
      return problem('invalid-value', at, `must be ${describe(params.allowedValue)}`);
    case 'not':
      if (error.schemaPath.includes('nodeId')) {
        return problem('invalid-value', at, "'start' is reserved for the start event");
      }
      return problem(
        'invalid-value',
        at + '/values',
        "'values' is only allowed on fields of type enum",
      );
    case 'pattern':
      return problem(
        'invalid-value',
        at,
        `must be a kebab-case id (lowercase letters, digits and single hyphens), got ${describe(valueAt(document, at))}`,
      );
    case 'enum':
      return problem(
        'invalid-value',
        at,
        `must be one of ${(params.allowedValues as unknown[]).map(describe).join(', ')}, got ${describe(valueAt(document, at))}`,
      );
    default:
      return problem(
        'invalid-value',
        at,
        `${error.message ?? 'is invalid'}, got ${describe(valueAt(document, at))}`,
      );
  }
}

/** Structural problems (types, required and unknown properties, enums), all at once. */
export function checkSchema(document: unknown): ModelProblem[] {
  const validate = validator();
  if (validate(document)) return [];
  const seen = new Set<string>();
  const problems: ModelProblem[] = [];
  for (const error of validate.errors ?? []) {
    const found = toProblem(error, document);
    const key = found && `${found.code} ${found.path} ${found.message}`;
    if (found && key && !seen.has(key)) {
      seen.add(key);
      problems.push(found);
    }
  }
  return problems;
}

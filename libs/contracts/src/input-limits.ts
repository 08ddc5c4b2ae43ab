/**
 * What free text and case data may contain, checked the same way by the HTTP layer and by the case
 * workflow's Update validators. Pure (no I/O, no Nest, no clock) so it runs in the workflow sandbox.
 */

export interface InputLimits {
  /** Longest string value anywhere in a data object, in characters. */
  maxTextLength: number;
  /** A data object serialised as JSON, in UTF-8 bytes. */
  maxDataBytes: number;
  /** Objects and arrays inside one another: `{}` is depth 1, `{"a":{}}` depth 2. */
  maxDepth: number;
}

/**
 * The ceilings no configuration can raise (libs/config caps INPUT_MAX_* at these). The workflow
 * sandbox has no configuration, so its validators check against these; the HTTP layer checks the
 * configured, usually tighter, limits first.
 */
export const HARD_INPUT_LIMITS: InputLimits = {
  maxTextLength: 1_000_000,
  maxDataBytes: 1_048_576,
  maxDepth: 64,
};

export type InputProblemCode = 'control-character' | 'too-long' | 'too-large' | 'too-deep';

export interface InputProblem {
  /** Dotted path of the offending value or key, e.g. `data.client-name` or `data.items.0`. */
  field: string;
  code: InputProblemCode;
  message: string;
}

/**
 * Characters PostgreSQL, XML exports and webhooks cannot carry or that mean nothing as text: C0
 * controls other than tab, line feed and carriage return; DEL; C1 controls; lone UTF-16 surrogates.
 */
const NON_TEXT =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The same characters, all of them, to write them out as escapes in field paths. */
const NON_TEXT_ALL = new RegExp(NON_TEXT.source, 'g');

/** Text as it may appear in a message, a log or the audit log: non-text characters written as `\uXXXX`. */
export const printable = (key: string): string =>
  key.replace(NON_TEXT_ALL, (character) => `\\u${codePoint(character).slice(2)}`);

const codePoint = (character: string): string =>
  `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why a string is not text, or undefined when it is. */
export function nonTextReason(text: string): string | undefined {
  const match = NON_TEXT.exec(text);
  return match
    ? `contains the control character ${codePoint(match[0])} at position ${match.index}`
    : undefined;
}

/** At most this many problems are reported for one value: enough to fix it, bounded work. */
const MAX_PROBLEMS = 20;

interface Pending {
  value: unknown;
  path: string;
  depth: number;
}

/**
 * Every string (value or key) in `value`, walked without recursion so no input can overflow the
 * stack. Reports non-text characters, strings over `maxTextLength`, nesting over `maxDepth`, and
 * a serialised size over `maxDataBytes` (the last only when the shape itself is acceptable).
 */
export function inputProblems(
  value: unknown,
  path: string,
  limits: InputLimits = HARD_INPUT_LIMITS,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const stack: Pending[] = [{ value, path, depth: 0 }];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value: current, path: at, depth } = stack.pop() as Pending;
    if (typeof current === 'string') {
      const reason = nonTextReason(current);
      if (reason) problems.push({ field: at, code: 'control-character', message: reason });
      if (current.length > limits.maxTextLength) {
        problems.push({
          field: at,
          code: 'too-long',
          message: `is ${current.length} characters long; at most ${limits.maxTextLength} are accepted`,
        });
      }
    } else if (current !== null && typeof current === 'object') {
      if (depth + 1 > limits.maxDepth) {
        problems.push({
          field: at,
          code: 'too-deep',
          message: `nests objects and arrays deeper than ${limits.maxDepth} levels`,
        });
        continue;
      }
      for (const [key, child] of Object.entries(current)) {
        const childPath = at ? `${at}.${printable(key)}` : printable(key);
        const keyReason = nonTextReason(key);
        if (keyReason) {
          problems.push({
            field: childPath,
            code: 'control-character',
            message: `has a key that ${keyReason}`,
          });
        }
        stack.push({ value: child, path: childPath, depth: depth + 1 });
      }
    }
  }
  if (problems.length === 0 && value !== null && typeof value === 'object') {
    const bytes = utf8Length(JSON.stringify(value));
    if (bytes > limits.maxDataBytes) {
      problems.push({
        field: path,
        code: 'too-large',
        message: `is ${bytes} bytes as JSON; at most ${limits.maxDataBytes} are accepted`,
      });
    }
  }
  return problems;
}

/** UTF-8 length without Buffer or TextEncoder (neither is guaranteed in the workflow sandbox). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * How deeply objects and arrays nest in `value`, counting at most to `limit + 1` (enough to say
 * "too deep") and without recursion, so a body nested 100,000 levels costs nothing to refuse.
 */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return deepest;
}

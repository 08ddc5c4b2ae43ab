import { Document, isNode, LineCounter, parseDocument } from 'yaml';
import { ModelProblem, problem } from '../validation/model-problem';

/** Models are a few hundred kB at most; anything larger is refused before parsing. */
export const MAX_MODEL_BYTES = 1024 * 1024;

export type ModelFormat = 'yaml' | 'json';

export interface ParsedDocument {
  /** The parsed value; undefined when the text could not be read. */
  value?: unknown;
  problems: ModelProblem[];
  /** 1-based line and column of the node at a JSON pointer (or its nearest existing parent). */
  locate(path: string): { line: number; column: number } | undefined;
}

/** UTF-8 size without TextEncoder/Buffer, so this stays usable in any sandbox. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4; // a surrogate pair encodes one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** JSON documents start with `{` or `[`; everything else is read as YAML. */
export function detectFormat(text: string): ModelFormat {
  return /^\s*[[{]/.test(text) ? 'json' : 'yaml';
}

function segments(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function locator(document: Document, lines: LineCounter): ParsedDocument['locate'] {
  return (path) => {
    const keys = segments(path);
    for (let depth = keys.length; depth >= 0; depth--) {
      const node = depth === 0 ? document.contents : document.getIn(keys.slice(0, depth), true);
      if (isNode(node) && node.range) {
        const { line, col } = lines.linePos(node.range[0]);
        return { line, column: col };
      }
    }
    return undefined;
  };
}

/**
 * JSON.parse messages differ between Node versions and do not always give a position; the YAML
 * parser, reading the same text, usually points at the spot.
 */
function jsonSyntaxProblem(error: unknown, document: Document, lines: LineCounter): ModelProblem {
  const message = error instanceof Error ? error.message : String(error);
  const found = problem('syntax-error', '', `the JSON cannot be read: ${message}`);
  const position = /at position (\d+)/.exec(message)?.[1] ?? document.errors[0]?.pos[0];
  if (position === undefined) return found;
  const { line, col } = lines.linePos(Number(position));
  return { ...found, line, column: col };
}

/**
 * Reads YAML or JSON text into a plain value, with located syntax errors. JSON is checked with
 * JSON.parse (strict) and then read by the YAML parser too, which yields positions for later
 * problems and catches duplicate keys that JSON.parse would silently drop.
 */
export function parseModelDocument(
  text: string,
  format: ModelFormat = detectFormat(text),
): ParsedDocument {
  const lines = new LineCounter();
  const none: ParsedDocument['locate'] = () => undefined;
  const size = utf8Length(text);
  if (size > MAX_MODEL_BYTES) {
    const message = `the document is ${size} bytes; models may be at most ${MAX_MODEL_BYTES} bytes (1 MiB)`;
    return { problems: [problem('too-large', '', message)], locate: none };
  }
  // Core schema: no custom tags, `2024-01-01` stays a string.
  const document = parseDocument(text, {
    lineCounter: lines,
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
  });
  const locate = locator(document, lines);
  if (format === 'json') {
    try {
      JSON.parse(text);
    } catch (error) {
      return { problems: [jsonSyntaxProblem(error, document, lines)], locate: none };
    }
  }
  const syntax = document.errors.map((error) => {
    const { line, col } = lines.linePos(error.pos[0]);
    return {
      ...problem(
        'syntax-error',
        '',
        `the ${format === 'json' ? 'JSON' : 'YAML'} cannot be read: ${error.message}`,
      ),
      line,
      column: col,
    };
  });
  if (syntax.length > 0) return { problems: syntax, locate };
  try {
    // Caps alias expansion: a few lines of YAML must not expand into gigabytes ("billion laughs").
    return { value: document.toJS({ maxAliasCount: 100 }), problems: [], locate };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return {
      problems: [problem('syntax-error', '', `the YAML cannot be read: ${error.message}`)],
      locate,
    };
  }
}

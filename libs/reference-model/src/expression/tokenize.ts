import { ExpressionError } from './expression-error';

export type TokenType = 'number' | 'string' | 'name' | 'operator' | 'punctuation' | 'end';

export interface Token {
  type: TokenType;
  text: string;
  /** Decoded value for strings and numbers. */
  value?: string | number;
  position: number;
}

/** Longest operators first so `<=` is not read as `<`. */
const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!'];
const PUNCTUATION = ['(', ')', '[', ']', ','];
const NUMBER = /^-?\d+(\.\d+)?/;
// Names may contain hyphens (kebab-case field ids): the language has no arithmetic, so `-` is free.
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*/;

function readString(source: string, start: number): Token {
  let value = '';
  for (let i = start + 1; i < source.length; i++) {
    const char = source[i];
    if (char === "'")
      return { type: 'string', text: source.slice(start, i + 1), value, position: start };
    if (char === '\\') {
      const next = source[i + 1];
      if (next !== "'" && next !== '\\')
        throw new ExpressionError("only \\' and \\\\ may be escaped", i);
      value += next;
      i++;
    } else {
      value += char;
    }
  }
  throw new ExpressionError('unterminated string', start);
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    if (rest[0] === "'") {
      const token = readString(source, i);
      tokens.push(token);
      i += token.text.length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ type: 'number', text: number[0], value: Number(number[0]), position: i });
      i += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ type: 'name', text: name[0], position: i });
      i += name[0].length;
      continue;
    }
    const operator = OPERATORS.find((op) => rest.startsWith(op));
    if (operator) {
      tokens.push({ type: 'operator', text: operator, position: i });
      i += operator.length;
      continue;
    }
    if (PUNCTUATION.includes(rest[0])) {
      tokens.push({ type: 'punctuation', text: rest[0], position: i });
      i += 1;
      continue;
    }
    throw new ExpressionError(`unexpected character '${rest[0]}'`, i);
  }
  tokens.push({ type: 'end', text: '', position: source.length });
  return tokens;
}

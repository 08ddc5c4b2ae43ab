import { FieldValue } from '../model/reference-model.types';
import { ExpressionError } from './expression-error';
import { ComparisonOperator, Expression } from './expression.types';
import { Token, tokenize } from './tokenize';

/** Guards against stack exhaustion on hostile input; real conditions are a line or two. */
export const MAX_EXPRESSION_LENGTH = 2000;
const MAX_DEPTH = 64;

const COMPARISONS: readonly string[] = ['==', '!=', '<', '<=', '>', '>='];
const KEYWORD_LITERALS: Record<string, FieldValue> = { true: true, false: false, null: null };

/**
 * Recursive-descent parser for route conditions (no eval). Grammar, lowest precedence first:
 *   or         := and ('||' and)*
 *   and        := unary ('&&' unary)*
 *   unary      := '!' unary | comparison
 *   comparison := primary (('=='|'!='|'<'|'<='|'>'|'>=') primary | 'in' list)?
 *   primary    := literal | reference | '(' or ')'
 *   list       := '[' (literal (',' literal)*)? ']'
 *   reference  := 'outcome' | 'intake.category' | 'intake.intensity' | 'data.' field-id
 *   literal    := number | 'string' | true | false | null
 */
class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Expression {
    const expression = this.or();
    const next = this.peek();
    if (next.type !== 'end') throw new ExpressionError(`unexpected '${next.text}'`, next.position);
    return expression;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    return this.tokens[this.index++];
  }

  private accept(text: string): Token | undefined {
    const token = this.peek();
    if (token.type !== 'string' && token.text === text) return this.next();
    return undefined;
  }

  private expect(text: string): Token {
    const token = this.accept(text);
    if (token) return token;
    const found = this.peek();
    throw new ExpressionError(
      `expected '${text}' but found ${found.type === 'end' ? 'the end' : `'${found.text}'`}`,
      found.position,
    );
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH)
      throw new ExpressionError('expression nested too deeply', this.peek().position);
    const result = parse();
    this.depth--;
    return result;
  }

  private or(): Expression {
    let left = this.and();
    for (let op = this.accept('||'); op; op = this.accept('||')) {
      left = { type: 'or', left, right: this.and(), position: op.position };
    }
    return left;
  }

  private and(): Expression {
    let left = this.unary();
    for (let op = this.accept('&&'); op; op = this.accept('&&')) {
      left = { type: 'and', left, right: this.unary(), position: op.position };
    }
    return left;
  }

  private unary(): Expression {
    const bang = this.accept('!');
    if (bang)
      return { type: 'not', operand: this.nested(() => this.unary()), position: bang.position };
    return this.comparison();
  }

  private comparison(): Expression {
    const left = this.primary();
    const token = this.peek();
    if (token.type === 'operator' && COMPARISONS.includes(token.text)) {
      this.next();
      const operator = token.text as ComparisonOperator;
      return { type: 'compare', operator, left, right: this.primary(), position: token.position };
    }
    if (this.accept('in'))
      return { type: 'in', operand: left, values: this.list(), position: token.position };
    return left;
  }

  private list(): FieldValue[] {
    this.expect('[');
    const values: FieldValue[] = [];
    if (this.accept(']')) return values;
    do values.push(this.literal());
    while (this.accept(','));
    this.expect(']');
    return values;
  }

  private literal(): FieldValue {
    const token = this.next();
    if (token.type === 'number' || token.type === 'string') return token.value as FieldValue;
    if (token.type === 'name' && token.text in KEYWORD_LITERALS)
      return KEYWORD_LITERALS[token.text];
    throw new ExpressionError(`expected a literal but found '${token.text}'`, token.position);
  }

  private primary(): Expression {
    const token = this.peek();
    if (this.accept('(')) {
      const inner = this.nested(() => this.or());
      this.expect(')');
      return inner;
    }
    if (token.type === 'name' && !(token.text in KEYWORD_LITERALS)) {
      this.next();
      return reference(token);
    }
    if (token.type === 'end')
      throw new ExpressionError('unexpected end of expression', token.position);
    return { type: 'literal', value: this.literal(), position: token.position };
  }
}

function reference(token: Token): Expression {
  const { text, position } = token;
  if (text === 'outcome') return { type: 'outcome', position };
  if (text === 'intake.category') return { type: 'intake', key: 'category', position };
  if (text === 'intake.intensity') return { type: 'intake', key: 'intensity', position };
  const [scope, field, ...rest] = text.split('.');
  if (scope === 'data' && field && rest.length === 0) return { type: 'data', field, position };
  throw new ExpressionError(
    `unknown name '${text}': use data.<field>, outcome, intake.category or intake.intensity`,
    position,
  );
}

/** Parses a condition; throws `ExpressionError` with the position of the problem. */
export function parseExpression(source: string): Expression {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`expression longer than ${MAX_EXPRESSION_LENGTH} characters`, 0);
  }
  return new Parser(tokenize(source)).parse();
}

import { evaluateExpression, holds } from './evaluate-expression';
import { ExpressionError } from './expression-error';
import { EvaluationContext } from './expression.types';
import { parseExpression } from './parse-expression';
import { referencedFields } from './visit-expression';

const context: EvaluationContext = {
  data: { 'amount-owed': 1200, crisis: true, name: "O'Brien", start: '2024-03-01', empty: null },
  outcome: 'reached',
  intake: { category: 'crisis-signal', intensity: 'integrate' },
};
const check = (source: string) => holds(parseExpression(source), context);

describe('expression language', () => {
  it.each([
    ['data.crisis == true', true],
    ['data.amount-owed > 1000 && data.amount-owed <= 1200', true],
    ["data.amount-owed >= 1201 || outcome == 'reached'", true],
    ["!(intake.category == 'crisis-signal')", false],
    ["intake.intensity in ['coordinate', 'integrate']", true],
    ["data.name == 'O\\'Brien'", true],
    ["data.start < '2024-04-01'", true],
    ['data.missing == null', true],
    ['data.empty == null && !data.empty', true],
    ['data.missing > 3', false],
    ["data.amount-owed > '3'", false],
    ['data.amount-owed in []', false],
    ['data.amount-owed != -1', true],
    ['data.crisis', true],
    ['data.amount-owed', false],
  ])('%s is %s', (source, expected) => {
    expect(check(source)).toBe(expected);
  });

  it('evaluates to plain values', () => {
    expect(evaluateExpression(parseExpression('data.amount-owed'), context)).toBe(1200);
    expect(
      evaluateExpression(parseExpression('outcome'), { ...context, outcome: undefined }),
    ).toBeNull();
  });

  it('binds && tighter than ||', () => {
    expect(check('true || false && false')).toBe(true);
    expect(check('(true || false) && false')).toBe(false);
  });

  it.each([
    ['data.a ==', 'unexpected end of expression', 9],
    ['data.a = 1', "unexpected character '='", 7],
    ["data.a == 'open", 'unterminated string', 10],
    ['foo == 1', "unknown name 'foo'", 0],
    ['data.a.b == 1', "unknown name 'data.a.b'", 0],
    ['(data.a == 1', "expected ')' but found the end", 12],
    ['data.a in [data.b]', 'expected a literal', 11],
    ['data.a == 1 1', "unexpected '1'", 12],
    ['process.exit()', "unknown name 'process.exit'", 0],
  ])('rejects %s with its position', (source, message, position) => {
    const error = (() => {
      try {
        parseExpression(source);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).message).toContain(message);
    expect((error as ExpressionError).position).toBe(position);
  });

  it('refuses hostile nesting and length instead of overflowing the stack', () => {
    expect(() => parseExpression('('.repeat(500) + 'true' + ')'.repeat(500))).toThrow(
      ExpressionError,
    );
    expect(() => parseExpression('!'.repeat(500) + 'true')).toThrow(ExpressionError);
    expect(() => parseExpression('true || '.repeat(400) + 'true')).toThrow(/longer than/);
  });

  it('lists the data fields a condition reads', () => {
    const expression = parseExpression(
      "data.a == 1 && (data.b-c in ['x'] || data.a > 2) && outcome == 'y'",
    );
    expect(referencedFields(expression)).toEqual(['a', 'b-c']);
  });
});

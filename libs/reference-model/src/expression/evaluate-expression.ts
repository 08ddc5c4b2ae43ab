import { FieldValue } from '../model/reference-model.types';
import { EvaluationContext, Expression } from './expression.types';

function value(expression: Expression, context: EvaluationContext): FieldValue {
  switch (expression.type) {
    case 'literal':
      return expression.value;
    case 'data':
      return context.data[expression.field] ?? null;
    case 'outcome':
      return context.outcome ?? null;
    case 'intake':
      return context.intake[expression.key];
    case 'not':
      return !holds(expression.operand, context);
    case 'and':
      return holds(expression.left, context) && holds(expression.right, context);
    case 'or':
      return holds(expression.left, context) || holds(expression.right, context);
    case 'in':
      return expression.values.includes(value(expression.operand, context));
    case 'compare':
      return compare(
        expression.operator,
        value(expression.left, context),
        value(expression.right, context),
      );
  }
}

function compare(operator: string, left: FieldValue, right: FieldValue): boolean {
  if (operator === '==') return left === right;
  if (operator === '!=') return left !== right;
  // Ordering only between two numbers or two strings (ISO dates sort as strings); else false, like SQL NULL.
  const comparable =
    (typeof left === 'number' && typeof right === 'number') ||
    (typeof left === 'string' && typeof right === 'string');
  if (!comparable) return false;
  const l = left as number | string;
  const r = right as number | string;
  if (operator === '<') return l < r;
  if (operator === '<=') return l <= r;
  if (operator === '>') return l > r;
  return l >= r;
}

/** Only `true` is true: a missing field (null) or a non-boolean never makes a condition hold. */
export function holds(expression: Expression, context: EvaluationContext): boolean {
  return value(expression, context) === true;
}

export function evaluateExpression(expression: Expression, context: EvaluationContext): FieldValue {
  return value(expression, context);
}

import { Expression } from './expression.types';

/** Calls `visit` on every node, depth first. */
export function visitExpression(expression: Expression, visit: (node: Expression) => void): void {
  visit(expression);
  if (expression.type === 'not') visitExpression(expression.operand, visit);
  if (expression.type === 'in') visitExpression(expression.operand, visit);
  if (expression.type === 'and' || expression.type === 'or' || expression.type === 'compare') {
    visitExpression(expression.left, visit);
    visitExpression(expression.right, visit);
  }
}

/** Case-data fields a condition reads, without duplicates, in order of appearance. */
export function referencedFields(expression: Expression): string[] {
  const fields = new Set<string>();
  visitExpression(expression, (node) => {
    if (node.type === 'data') fields.add(node.field);
  });
  return [...fields];
}

import { FieldValue } from '../model/reference-model.types';

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** Syntax tree of a route condition. `position` is the 0-based offset in the source. */
export type Expression =
  | { type: 'literal'; value: FieldValue; position: number }
  | { type: 'data'; field: string; position: number }
  | { type: 'outcome'; position: number }
  | { type: 'intake'; key: 'category' | 'intensity'; position: number }
  | { type: 'not'; operand: Expression; position: number }
  | { type: 'and' | 'or'; left: Expression; right: Expression; position: number }
  | {
      type: 'compare';
      operator: ComparisonOperator;
      left: Expression;
      right: Expression;
      position: number;
    }
  | { type: 'in'; operand: Expression; values: FieldValue[]; position: number };

export interface EvaluationContext {
  data: Readonly<Record<string, FieldValue | undefined>>;
  outcome?: string;
  intake: { category: string; intensity: string };
}

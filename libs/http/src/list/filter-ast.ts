/** Syntax tree of a list `filter` expression (spec §4). Positions are 0-based offsets. */

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Literal =
  | { type: 'string'; value: string; position: number }
  | { type: 'number'; value: number; position: number }
  | { type: 'boolean'; value: boolean; position: number };

export interface FieldRef {
  name: string;
  position: number;
}

export type FilterNode =
  | { kind: 'and' | 'or'; operands: FilterNode[] }
  | { kind: 'compare'; field: FieldRef; operator: ComparisonOperator; value: Literal }
  | { kind: 'like'; field: FieldRef; pattern: Literal }
  | { kind: 'in'; field: FieldRef; values: Literal[] }
  | { kind: 'null'; field: FieldRef; negated: boolean };

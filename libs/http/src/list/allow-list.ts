/**
 * The fields a resource exposes to `filter` and `sort`, by public name. `column` is a
 * QueryBuilder path (`alias.property`); it comes from code, never from the caller, and is the
 * only text that reaches SQL. `type` decides which operators and literals are accepted and
 * how values are bound.
 */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'timestamp' | 'uuid';

export interface FieldSpec {
  column: string;
  type: FieldType;
  /** Default true. */
  filterable?: boolean;
  /** Default true. */
  sortable?: boolean;
}

export type AllowList = Readonly<Record<string, FieldSpec>>;

/** Looks a public name up without falling into `Object.prototype` (`constructor`, `__proto__`). */
export function fieldOf(allowList: AllowList, name: string): FieldSpec | undefined {
  return Object.prototype.hasOwnProperty.call(allowList, name) ? allowList[name] : undefined;
}

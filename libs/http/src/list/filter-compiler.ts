import { FieldRef, FilterNode, Literal } from './filter-ast';
import { AllowList, FieldSpec, FieldType, fieldOf } from './allow-list';
import { InvalidListQueryError } from './list-errors';
import { UUID_PATTERN as UUID } from '../input/uuid';

/** A parameterised SQL condition: `sql` holds only allow-listed columns and `:name` placeholders. */
export interface CompiledFilter {
  sql: string;
  params: Record<string, unknown>;
}

/** Postgres has no year 0 (ISO 0000 = 1 BC would be refused by the driver, a 5xx). */
const EARLIEST_TIME = new Date('0001-01-01T00:00:00Z').getTime();
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

/** Operators each type accepts besides `is [not] null`. */
const ORDERED: ReadonlySet<string> = new Set(['=', '!=', '<', '<=', '>', '>=']);
const EQUALITY: ReadonlySet<string> = new Set(['=', '!=']);

function fail(reason: string, position: number): never {
  throw new InvalidListQueryError('filter', reason, position);
}

/**
 * Compiles a filter tree to a TypeORM `where` condition over an allow-list. Values are bound
 * as named parameters (`:<prefix><n>`), typed and validated first so that no caller value can
 * make Postgres fail (a 5xx) — a wrong type is a 400 at the value's position.
 */
export class FilterCompiler {
  private params: Record<string, unknown> = {};
  private counter = 0;

  constructor(
    private readonly allowList: AllowList,
    private readonly paramPrefix = 'flt_',
  ) {}

  compile(tree: FilterNode): CompiledFilter {
    this.params = {};
    this.counter = 0;
    const sql = this.node(tree);
    return { sql, params: this.params };
  }

  private node(node: FilterNode): string {
    switch (node.kind) {
      case 'and':
      case 'or':
        return `(${node.operands.map((n) => this.node(n)).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
      case 'null':
        return `${this.field(node.field).column} IS ${node.negated ? 'NOT ' : ''}NULL`;
      case 'compare': {
        const spec = this.field(node.field);
        const allowed = spec.type === 'boolean' || spec.type === 'uuid' ? EQUALITY : ORDERED;
        if (!allowed.has(node.operator))
          fail(
            `'${node.operator}' does not apply to ${spec.type} field '${node.field.name}'`,
            node.field.position,
          );
        return `${spec.column} ${node.operator === '!=' ? '<>' : node.operator} ${this.bind(spec, node.value)}`;
      }
      case 'like': {
        const spec = this.field(node.field);
        if (spec.type !== 'string')
          fail(`'like' applies only to text fields, not '${node.field.name}'`, node.field.position);
        return `${spec.column} LIKE ${this.bind(spec, node.pattern)}`;
      }
      case 'in': {
        const spec = this.field(node.field);
        return `${spec.column} IN (${node.values.map((v) => this.bind(spec, v)).join(', ')})`;
      }
    }
  }

  private field(ref: FieldRef): FieldSpec {
    const spec = fieldOf(this.allowList, ref.name);
    if (!spec || spec.filterable === false) fail(`unknown field '${ref.name}'`, ref.position);
    return spec;
  }

  /** Registers a parameter and returns its placeholder, cast where Postgres needs the type. */
  private bind(spec: FieldSpec, literal: Literal): string {
    const value = coerce(spec.type, literal);
    const name = `${this.paramPrefix}${this.counter++}`;
    this.params[name] = value;
    // CAST(... AS numeric) compares with any integer or numeric column without an
    // "invalid input syntax for type integer" error on 1.5 or an int4 overflow.
    if (spec.type === 'integer' || spec.type === 'number') return `CAST(:${name} AS numeric)`;
    if (spec.type === 'timestamp') return `CAST(:${name} AS timestamptz)`;
    return `:${name}`;
  }
}

function coerce(type: FieldType, literal: Literal): string | number | boolean {
  const mismatch = (): never => fail(`expected a ${describeType(type)} value`, literal.position);
  switch (type) {
    case 'string':
      return literal.type === 'string' ? literal.value : mismatch();
    case 'integer':
      return literal.type === 'number' && Number.isSafeInteger(literal.value)
        ? literal.value
        : mismatch();
    case 'number':
      return literal.type === 'number' ? literal.value : mismatch();
    case 'boolean':
      return literal.type === 'boolean' ? literal.value : mismatch();
    case 'uuid':
      return literal.type === 'string' && UUID.test(literal.value)
        ? literal.value.toLowerCase()
        : mismatch();
    case 'timestamp': {
      const time =
        literal.type === 'string' && ISO_DATE.test(literal.value) ? Date.parse(literal.value) : NaN;
      // Re-serialising normalises what JS accepted (e.g. '2024-02-31') to a date Postgres accepts.
      return Number.isNaN(time) || time < EARLIEST_TIME ? mismatch() : new Date(time).toISOString();
    }
  }
}

function describeType(type: FieldType): string {
  switch (type) {
    case 'string':
      return "quoted text ('...')";
    case 'integer':
      return 'whole number';
    case 'number':
      return 'number';
    case 'boolean':
      return 'true/false';
    case 'uuid':
      return "quoted UUID ('xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx')";
    case 'timestamp':
      return "quoted ISO 8601 date/time ('2024-01-31T12:00:00Z')";
  }
}

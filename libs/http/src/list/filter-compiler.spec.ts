import { AllowList } from './allow-list';
import { CompiledFilter, FilterCompiler } from './filter-compiler';
import { FilterParser } from './filter-parser';
import { InvalidListQueryError } from './list-errors';
import { parseSort } from './sort';

const fields: AllowList = {
  id: { column: 'u.id', type: 'string' },
  name: { column: 'u.name', type: 'string' },
  age: { column: 'u.age', type: 'integer' },
  score: { column: 'u.score', type: 'number' },
  admin: { column: 'u.admin', type: 'boolean' },
  ref: { column: 'u.ref', type: 'uuid' },
  created: { column: 'u.createdAt', type: 'timestamp' },
  secret: { column: 'u.secret', type: 'string', filterable: false, sortable: false },
};

const compile = (source: string): CompiledFilter =>
  new FilterCompiler(fields).compile(new FilterParser().parse(source)!);

function errorOf(fn: () => unknown): InvalidListQueryError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidListQueryError);
    return e as InvalidListQueryError;
  }
  throw new Error('expected a 400');
}

describe('FilterCompiler', () => {
  it("compiles the seed's id='kaio.stricker' to a named parameter, never the value in SQL", () => {
    expect(compile("id='kaio.stricker'")).toEqual({
      sql: 'u.id = :flt_0',
      params: { flt_0: 'kaio.stricker' },
    });
  });

  it.each([
    ['=', '='],
    ['!=', '<>'],
    ['<', '<'],
    ['<=', '<='],
    ['>', '>'],
    ['>=', '>='],
  ])('compiles %s on numbers with a numeric cast', (op, sqlOp) => {
    expect(compile(`age ${op} 30`)).toEqual({
      sql: `u.age ${sqlOp} CAST(:flt_0 AS numeric)`,
      params: { flt_0: 30 },
    });
  });

  it('compiles like, in, is null and is not null', () => {
    expect(compile("name like '%ana%'")).toEqual({
      sql: 'u.name LIKE :flt_0',
      params: { flt_0: '%ana%' },
    });
    expect(compile("id in ('a','b')")).toEqual({
      sql: 'u.id IN (:flt_0, :flt_1)',
      params: { flt_0: 'a', flt_1: 'b' },
    });
    expect(compile('name is null')).toEqual({ sql: 'u.name IS NULL', params: {} });
    expect(compile('name is not null')).toEqual({ sql: 'u.name IS NOT NULL', params: {} });
  });

  it('keeps precedence with explicit parentheses in SQL', () => {
    expect(compile("id = 'a' or id = 'b' and admin = true").sql).toBe(
      '(u.id = :flt_0 OR (u.id = :flt_1 AND u.admin = :flt_2))',
    );
    expect(compile("(id = 'a' or id = 'b') and admin = false").sql).toBe(
      '((u.id = :flt_0 OR u.id = :flt_1) AND u.admin = :flt_2)',
    );
  });

  it('binds a SQL-looking string as an inert parameter value', () => {
    const hostile = "x' OR '1'='1";
    expect(compile(`name = 'x'' OR ''1''=''1'`)).toEqual({
      sql: 'u.name = :flt_0',
      params: { flt_0: hostile },
    });
  });

  it('normalises timestamps and UUIDs', () => {
    expect(compile("created >= '2024-01-31'").params).toEqual({
      flt_0: '2024-01-31T00:00:00.000Z',
    });
    expect(compile("created < '2024-01-31T10:00:00-03:00'").sql).toBe(
      'u.createdAt < CAST(:flt_0 AS timestamptz)',
    );
    expect(compile("ref = 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'").params).toEqual({
      flt_0: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    });
  });

  it.each([
    ["nope = 'x'", 0, "unknown field 'nope'"],
    ["secret = 'x'", 0, "unknown field 'secret'"],
    ["constructor = 'x'", 0, "unknown field 'constructor'"],
    ["age = 'x'", 6, 'whole number'],
    ['age = 1.5', 6, 'whole number'],
    ['name = 1', 7, 'quoted text'],
    ["admin = 'true'", 8, 'true/false'],
    ['admin > true', 0, "'>' does not apply"],
    ["ref = 'not-a-uuid'", 6, 'UUID'],
    ["ref < 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", 0, "'<' does not apply"],
    ["created = 'yesterday'", 10, 'ISO 8601'],
    ["created = '0000-01-01'", 10, 'ISO 8601'],
    ['age like 3', 0, "'like' applies only to text"],
    ["age in (1, 'b')", 11, 'whole number'],
  ])('refuses %j with a 400 at position %d', (source, position, reason) => {
    const error = errorOf(() => compile(source));
    expect(error.position).toBe(position);
    expect(error.reason).toContain(reason);
  });

  it('uses a custom parameter prefix', () => {
    expect(
      new FilterCompiler(fields, 'q').compile(new FilterParser().parse('age = 1')!).params,
    ).toEqual({ q0: 1 });
  });
});

describe('parseSort', () => {
  it("parses 'name asc, age desc' and defaults to ascending", () => {
    expect(parseSort('name asc, age DESC', fields)).toEqual([
      { column: 'u.name', direction: 'ASC' },
      { column: 'u.age', direction: 'DESC' },
    ]);
    expect(parseSort('name', fields)).toEqual([{ column: 'u.name', direction: 'ASC' }]);
  });

  it.each([
    ['nope asc', 0, "unknown field 'nope'"],
    ['name asc, secret', 10, "unknown field 'secret'"],
    ['name sideways', 0, 'expected'],
    ['name; drop table x', 0, 'expected'],
    ['name,', 5, 'expected'],
  ])('refuses %j with a 400 at position %d', (source, position, reason) => {
    const error = errorOf(() => parseSort(source, fields));
    expect(error.parameter).toBe('sort');
    expect(error.position).toBe(position);
    expect(error.reason).toContain(reason);
  });
});

import { BadRequestException } from '@nestjs/common';
import { FilterNode } from './filter-ast';
import { FilterParser } from './filter-parser';
import { InvalidListQueryError } from './list-errors';

const parse = (source: string): FilterNode | undefined => new FilterParser().parse(source);

function errorOf(source: string): InvalidListQueryError {
  try {
    parse(source);
  } catch (e) {
    expect(e).toBeInstanceOf(BadRequestException);
    return e as InvalidListQueryError;
  }
  throw new Error(`expected ${source} to be refused`);
}

describe('FilterParser', () => {
  it("parses the seed's example id='kaio.stricker'", () => {
    expect(parse("id='kaio.stricker'")).toEqual({
      kind: 'compare',
      field: { name: 'id', position: 0 },
      operator: '=',
      value: { type: 'string', value: 'kaio.stricker', position: 3 },
    });
  });

  it.each(['=', '!=', '<', '<=', '>', '>='])('parses the %s operator', (op) => {
    expect(parse(`age ${op} 30`)).toMatchObject({
      kind: 'compare',
      operator: op,
      value: { type: 'number', value: 30 },
    });
  });

  it("reads '<>' as '!='", () => {
    expect(parse('age <> 3')).toMatchObject({ operator: '!=' });
  });

  it('parses like, in, is null and is not null', () => {
    expect(parse("name like 'Ana%'")).toMatchObject({ kind: 'like', pattern: { value: 'Ana%' } });
    expect(parse("status in ('a', 'b')")).toMatchObject({
      kind: 'in',
      values: [{ value: 'a' }, { value: 'b' }],
    });
    expect(parse('email is null')).toMatchObject({ kind: 'null', negated: false });
    expect(parse('email IS NOT NULL')).toMatchObject({ kind: 'null', negated: true });
  });

  it('parses numbers, booleans and strings with doubled quotes', () => {
    expect(parse('n = -1.5e2')).toMatchObject({ value: { type: 'number', value: -150 } });
    expect(parse('admin = TRUE')).toMatchObject({ value: { type: 'boolean', value: true } });
    expect(parse("name = 'it''s'")).toMatchObject({ value: { type: 'string', value: "it's" } });
    expect(parse("name = ''")).toMatchObject({ value: { type: 'string', value: '' } });
  });

  it('binds and tighter than or, and parentheses override it', () => {
    const flat = parse('a = 1 or b = 2 and c = 3');
    expect(flat).toMatchObject({
      kind: 'or',
      operands: [{ field: { name: 'a' } }, { kind: 'and' }],
    });
    const grouped = parse('(a = 1 or b = 2) and c = 3');
    expect(grouped).toMatchObject({
      kind: 'and',
      operands: [{ kind: 'or' }, { field: { name: 'c' } }],
    });
  });

  it('treats a blank expression as no filter', () => {
    expect(parse('')).toBeUndefined();
    expect(parse('   ')).toBeUndefined();
  });

  describe('refuses hostile or malformed input with a 400 pointing at the position', () => {
    it.each([
      ["id = 'x'; DROP TABLE users; --", 8, "unexpected character ';'"],
      ["id = 'x' or 1=1", 12, 'expected a field name'],
      ["id = 'x' -- comment", 9, "unexpected character '-'"],
      ["id = 'x' union select * from pg_user", 9, "unexpected 'union'"],
      ["id = 'x", 5, 'unterminated string'],
      ['id = ', 5, 'expected a value'],
      ['id', 2, 'expected an operator'],
      ["id = 'a' and", 12, 'expected a field name'],
      ["(id = 'a'", 9, "expected ')'"],
      ['id in ()', 7, 'expected a value'],
      ["id = 'a')", 8, "unexpected ')'"],
      ['id is nul', 6, "expected 'null'"],
      ['id = "x"', 5, "unexpected character '\"'"],
      ['id = 1e999', 5, 'number out of range'],
      ["id = 'a\u0000'", 5, 'NUL'],
      ['id = null', 5, 'expected a value'],
    ])('%j → position %d', (source, position, reason) => {
      const error = errorOf(source);
      expect(error.position).toBe(position);
      expect(error.reason).toContain(reason);
      expect(error.getStatus()).toBe(400);
      expect(error.getResponse()).toMatchObject({
        position,
        message: expect.stringContaining(`position ${position}`),
      });
    });

    it('refuses nesting deeper than 16 levels', () => {
      expect(parse(`${'('.repeat(16)}a = 1${')'.repeat(16)}`)).toMatchObject({ kind: 'compare' });
      const error = errorOf(`${'('.repeat(17)}a = 1${')'.repeat(17)}`);
      expect(error.position).toBe(16);
      expect(error.reason).toContain('nested deeper');
    });

    it('refuses 100 000 opening parentheses without overflowing the stack', () => {
      expect(errorOf('('.repeat(100_000)).reason).toMatch(/longer than/);
      expect(errorOf('('.repeat(10_000)).reason).toMatch(/nested deeper/);
    });

    it('refuses expressions over 10 KB, such as a huge string', () => {
      const error = errorOf(`name = '${'x'.repeat(10 * 1024)}'`);
      expect(error.reason).toContain('longer than 10240');
    });

    it('refuses more than 100 conditions', () => {
      const source = Array.from({ length: 101 }, (_, i) => `a = ${i}`).join(' or ');
      expect(errorOf(source).reason).toContain('more than 100 conditions');
    });
  });
});

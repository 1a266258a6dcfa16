import { ComparisonOperator, FieldRef, FilterNode, Literal } from './filter-ast';
import { Token, tokenize } from './filter-lexer';
import { InvalidListQueryError } from './list-errors';

export interface FilterLimits {
  /** Longest accepted expression, in characters. */
  maxLength: number;
  /** Deepest parenthesis nesting. */
  maxDepth: number;
  /** Most conditions (comparisons, `like`, `in`, `is null`) in one expression. */
  maxConditions: number;
  /** Most values in one `in (...)` list. */
  maxInValues: number;
}

export const DEFAULT_FILTER_LIMITS: FilterLimits = {
  maxLength: 10 * 1024,
  maxDepth: 16,
  maxConditions: 100,
  maxInValues: 500,
};

/**
 * Parses the list filter language of spec §4 into a syntax tree:
 *
 *   expr       := and ('or' and)*
 *   and        := primary ('and' primary)*
 *   primary    := '(' expr ')' | condition
 *   condition  := field op literal | field 'like' string | field 'in' '(' literal (',' literal)* ')'
 *               | field 'is' ['not'] 'null'
 *   literal    := 'quoted ''string''' | number | true | false
 *
 * Keywords are case-insensitive; `and` binds tighter than `or`. Every error is an
 * {@link InvalidListQueryError} (400) carrying the position of the offending token.
 */
export class FilterParser {
  private tokens: Token[] = [];
  private index = 0;
  private conditions = 0;

  constructor(private readonly limits: FilterLimits = DEFAULT_FILTER_LIMITS) {}

  /** Returns the tree, or `undefined` for an empty (or blank) expression. */
  parse(source: string): FilterNode | undefined {
    if (source.length > this.limits.maxLength) {
      this.fail(
        `expression longer than ${this.limits.maxLength} characters`,
        this.limits.maxLength,
      );
    }
    this.tokens = tokenize(source);
    this.index = 0;
    this.conditions = 0;
    if (this.peek().kind === 'eof') return undefined;
    const tree = this.parseOr(0);
    const rest = this.peek();
    if (rest.kind !== 'eof')
      this.fail(`unexpected '${rest.text}' after the end of the expression`, rest.position);
    return tree;
  }

  private parseOr(depth: number): FilterNode {
    const operands = [this.parseAnd(depth)];
    while (this.acceptKeyword('or')) operands.push(this.parseAnd(depth));
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  private parseAnd(depth: number): FilterNode {
    const operands = [this.parsePrimary(depth)];
    while (this.acceptKeyword('and')) operands.push(this.parsePrimary(depth));
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  private parsePrimary(depth: number): FilterNode {
    const token = this.peek();
    if (token.kind === '(') {
      if (depth + 1 > this.limits.maxDepth) {
        this.fail(`parentheses nested deeper than ${this.limits.maxDepth} levels`, token.position);
      }
      this.index++;
      const inner = this.parseOr(depth + 1);
      this.expect(')', "')'");
      return inner;
    }
    return this.parseCondition();
  }

  private parseCondition(): FilterNode {
    const token = this.next();
    if (token.kind !== 'ident' || isKeyword(token.text))
      this.fail(`expected a field name, found ${describe(token)}`, token.position);
    if (++this.conditions > this.limits.maxConditions) {
      this.fail(`more than ${this.limits.maxConditions} conditions`, token.position);
    }
    const field: FieldRef = { name: token.text, position: token.position };
    const op = this.next();
    if (op.kind === 'operator')
      return {
        kind: 'compare',
        field,
        operator: op.text as ComparisonOperator,
        value: this.parseLiteral(),
      };
    switch (op.kind === 'ident' ? op.text.toLowerCase() : '') {
      case 'like':
        return { kind: 'like', field, pattern: this.parseLiteral() };
      case 'in':
        return { kind: 'in', field, values: this.parseList() };
      case 'is': {
        const negated = this.acceptKeyword('not');
        this.expectKeyword('null');
        return { kind: 'null', field, negated };
      }
      default:
        return this.fail(
          `expected an operator after '${field.name}', found ${describe(op)}`,
          op.position,
        );
    }
  }

  private parseList(): Literal[] {
    this.expect('(', "'(' after 'in'");
    const values = [this.parseLiteral()];
    while (this.peek().kind === ',') {
      this.index++;
      values.push(this.parseLiteral());
      if (values.length > this.limits.maxInValues) {
        this.fail(
          `more than ${this.limits.maxInValues} values in 'in'`,
          values[values.length - 1].position,
        );
      }
    }
    this.expect(')', "')' closing the 'in' list");
    return values;
  }

  private parseLiteral(): Literal {
    const token = this.next();
    const position = token.position;
    if (token.kind === 'string') return { type: 'string', value: token.text, position };
    if (token.kind === 'number') {
      const value = Number(token.text);
      if (!Number.isFinite(value)) this.fail(`number out of range`, position);
      return { type: 'number', value, position };
    }
    const word = token.kind === 'ident' ? token.text.toLowerCase() : '';
    if (word === 'true' || word === 'false')
      return { type: 'boolean', value: word === 'true', position };
    return this.fail(`expected a value, found ${describe(token)}`, position);
  }

  private peek(): Token {
    const token = this.tokens[this.index];
    if (token.kind === 'error') this.fail(token.text, token.position);
    return token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private acceptKeyword(word: string): boolean {
    const token = this.peek();
    if (token.kind === 'ident' && token.text.toLowerCase() === word) {
      this.index++;
      return true;
    }
    return false;
  }

  private expectKeyword(word: string): void {
    const token = this.peek();
    if (!this.acceptKeyword(word))
      this.fail(`expected '${word}', found ${describe(token)}`, token.position);
  }

  private expect(kind: Token['kind'], what: string): void {
    const token = this.next();
    if (token.kind !== kind)
      this.fail(`expected ${what}, found ${describe(token)}`, token.position);
  }

  private fail(reason: string, position: number): never {
    throw new InvalidListQueryError('filter', reason, position);
  }
}

const KEYWORDS = new Set(['and', 'or', 'not', 'like', 'in', 'is', 'null', 'true', 'false']);

function isKeyword(word: string): boolean {
  return KEYWORDS.has(word.toLowerCase());
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'the end of the expression';
  const text = token.kind === 'string' ? `'${token.text}'` : token.text;
  return `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
}

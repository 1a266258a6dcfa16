export type TokenKind =
  'ident' | 'string' | 'number' | 'operator' | '(' | ')' | ',' | 'eof' | 'error';

export interface Token {
  kind: TokenKind;
  /** Identifier/operator text, the unescaped string, the number's source text, or an error's reason. */
  text: string;
  position: number;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_.]/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;
const OPERATORS = ['<=', '>=', '!=', '<>', '=', '<', '>'];

class LexError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(reason);
  }
}

function fail(reason: string, position: number): never {
  throw new LexError(reason, position);
}

/**
 * Splits a filter expression into tokens. Lexing stops at the first character outside the
 * language with an `error` token, so the parser reports whichever error comes first.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  try {
    lexInto(source, tokens);
  } catch (e) {
    if (!(e instanceof LexError)) throw e;
    tokens.push({ kind: 'error', text: e.reason, position: e.position });
    return tokens;
  }
  tokens.push({ kind: 'eof', text: '', position: source.length });
  return tokens;
}

function lexInto(source: string, tokens: Token[]): void {
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, text: ch, position: i++ });
    } else if (ch === "'") {
      const token = readString(source, i);
      tokens.push(token.token);
      i = token.end;
    } else if (IDENT_START.test(ch)) {
      const start = i;
      while (i < source.length && IDENT_PART.test(source[i])) i++;
      tokens.push({ kind: 'ident', text: source.slice(start, i), position: start });
    } else if (/[-\d]/.test(ch)) {
      const match = NUMBER.exec(source.slice(i, i + 64));
      if (!match) fail(`unexpected character '${ch}'`, i);
      tokens.push({ kind: 'number', text: match[0], position: i });
      i += match[0].length;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (!op) fail(`unexpected character '${ch}'`, i);
      tokens.push({ kind: 'operator', text: op === '<>' ? '!=' : op, position: i });
      i += op.length;
    }
  }
}

/** A single-quoted string; a quote inside is written twice (`'it''s'`), as in SQL. */
function readString(source: string, start: number): { token: Token; end: number } {
  let value = '';
  let i = start + 1;
  for (;;) {
    const next = source.indexOf("'", i);
    if (next < 0) fail('unterminated string', start);
    value += source.slice(i, next);
    if (source[next + 1] === "'") {
      value += "'";
      i = next + 2;
    } else {
      i = next + 1;
      break;
    }
  }
  // Postgres text cannot hold NUL; refusing it here keeps it a 400 instead of a driver error.
  if (value.includes('\u0000')) fail('strings must not contain NUL characters', start);
  return { token: { kind: 'string', text: value, position: start }, end: i };
}

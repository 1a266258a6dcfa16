/**
 * `application/x-www-form-urlencoded` text (query strings and form bodies) decoded strictly.
 * Node's `querystring` turns a bad escape (`%FF`, an encoded surrogate `%ED%A0%80`) into U+FFFD
 * and `fast-querystring` keeps it as raw text: either way the value silently differs from what
 * the caller meant. Here such a parameter is kept raw but listed under `MALFORMED`, and the input
 * check refuses the request naming it (a 400, through the route's own error filter).
 */
export const MALFORMED = Symbol('malformed urlencoded parameters');

/** Node's `querystring` default: later pairs are ignored, so no request builds a huge object. */
const MAX_PAIRS = 1000;

export type UrlEncoded = Record<string, string | string[]> & { [MALFORMED]?: string[] };

/**
 * Pairs split on `&`, name and value on the first `=`, `+` as space, a repeated name as an array
 * (as `querystring` does). A pair with an empty name carries nothing and is dropped: the seed's
 * curls end in `&=` (`002_*`), which the validation pipe would otherwise refuse as unknown.
 */
export function parseUrlEncoded(text: string): UrlEncoded {
  const result = Object.create(null) as UrlEncoded;
  const malformed: string[] = [];
  let pairs = 0;
  for (const pair of text.split('&')) {
    if (pair === '' || ++pairs > MAX_PAIRS) continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const name = strictDecode(rawName);
    const value = strictDecode(eq < 0 ? '' : pair.slice(eq + 1));
    const key = name ?? rawName;
    if (key === '') continue;
    if (name === undefined || value === undefined) malformed.push(key);
    add(result, key, value ?? pair.slice(eq + 1));
  }
  if (malformed.length > 0) {
    Object.defineProperty(result, MALFORMED, { value: malformed, enumerable: false });
  }
  return result;
}

/** The parameters of `parsed` that were not valid percent-encoded UTF-8. */
export function malformedParameters(parsed: unknown): string[] {
  if (parsed === null || typeof parsed !== 'object') return [];
  return (parsed as UrlEncoded)[MALFORMED] ?? [];
}

function add(result: UrlEncoded, key: string, value: string): void {
  const existing = result[key];
  if (existing === undefined) result[key] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else result[key] = [existing, value];
}

/** decodeURIComponent refuses bad escapes and escapes that are not UTF-8 (incl. surrogates). */
function strictDecode(text: string): string | undefined {
  const spaced = text.replace(/\+/g, ' ');
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined;
  }
}

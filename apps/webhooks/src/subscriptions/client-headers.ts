import {
  HEADER_NAME_TOKEN,
  hasControlCharacters,
  isForbiddenHeaderName,
  MASKED_HEADER_VALUE,
  MAX_CLIENT_HEADER_VALUE_LENGTH,
  MAX_CLIENT_HEADERS,
} from '@platform/contracts/client-header-rules';

/** Header names whose values are not secret and may be shown back (all others are write-only). */
const VISIBLE = new Set(['content-type', 'accept', 'accept-language', 'user-agent']);

/**
 * Problems with a `clientHeaders` map, one message per bad header; empty when it is fine. The
 * rules themselves are shared with the portal's form (libs/contracts client-header-rules).
 */
export function clientHeaderProblems(headers: Record<string, unknown>): string[] {
  const entries = Object.entries(headers);
  const problems: string[] = [];
  if (entries.length > MAX_CLIENT_HEADERS) problems.push(`at most ${MAX_CLIENT_HEADERS} headers`);
  const seen = new Set<string>();
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME_TOKEN.test(name)) problems.push(`'${name}' is not a valid header name`);
    else if (isForbiddenHeaderName(name)) problems.push(`'${name}' may not be set`);
    else if (seen.has(lower)) problems.push(`'${name}' is given twice`);
    seen.add(lower);
    if (typeof value !== 'string') problems.push(`'${name}' must be a string`);
    // CR/LF would split the header into two (header injection); NUL and other controls are invalid.
    else if (hasControlCharacters(value)) problems.push(`'${name}' has control characters (CR/LF)`);
    // A GET shows write-only values as the mask; saving it back would send the mask as the value.
    else if (value === MASKED_HEADER_VALUE)
      problems.push(`'${name}' is the mask a GET shows: give its value`);
    else if (value.length > MAX_CLIENT_HEADER_VALUE_LENGTH)
      problems.push(`'${name}' is longer than ${MAX_CLIENT_HEADER_VALUE_LENGTH}`);
  }
  return problems;
}

export function isVisibleHeader(name: string): boolean {
  return VISIBLE.has(name.toLowerCase());
}

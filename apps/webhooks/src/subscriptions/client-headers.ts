/** RFC 9110 §5.6.2 token: the characters a header name may have. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Names a subscription may not set: hop-by-hop and framing headers (the HTTP client owns them;
 * letting a caller set them invites request smuggling), `host` (routing), and the signature
 * headers `webhook-*` (they would let a caller forge what receivers verify).
 */
const FORBIDDEN = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-authorization',
  'proxy-connection',
]);

/** Shown instead of a write-only value. */
export const MASKED = '********';

export const MAX_CLIENT_HEADERS = 32;
const MAX_VALUE_LENGTH = 4096;

/** Header names whose values are not secret and may be shown back (all others are write-only). */
const VISIBLE = new Set(['content-type', 'accept', 'accept-language', 'user-agent']);

/** Problems with a `clientHeaders` map, one message per bad header; empty when it is fine. */
export function clientHeaderProblems(headers: Record<string, unknown>): string[] {
  const entries = Object.entries(headers);
  const problems: string[] = [];
  if (entries.length > MAX_CLIENT_HEADERS) problems.push(`at most ${MAX_CLIENT_HEADERS} headers`);
  const seen = new Set<string>();
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (!TOKEN.test(name)) problems.push(`'${name}' is not a valid header name`);
    else if (FORBIDDEN.has(lower) || lower.startsWith('webhook-') || lower.startsWith('proxy-')) {
      problems.push(`'${name}' may not be set`);
    } else if (seen.has(lower)) problems.push(`'${name}' is given twice`);
    seen.add(lower);
    if (typeof value !== 'string') problems.push(`'${name}' must be a string`);
    // CR/LF would split the header into two (header injection); NUL and other controls are invalid.
    else if (hasControlCharacters(value)) problems.push(`'${name}' has control characters (CR/LF)`);
    // A GET shows write-only values as the mask; saving it back would send the mask as the value.
    else if (value === MASKED) problems.push(`'${name}' is the mask a GET shows: give its value`);
    else if (value.length > MAX_VALUE_LENGTH)
      problems.push(`'${name}' is longer than ${MAX_VALUE_LENGTH}`);
  }
  return problems;
}

export function isVisibleHeader(name: string): boolean {
  return VISIBLE.has(name.toLowerCase());
}

/** Any control character except horizontal tab (RFC 9110 §5.5 field values). */
function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

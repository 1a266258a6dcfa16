// The rules for the headers a webhook subscription adds to its deliveries (`clientHeaders`),
// shared by the webhooks service, which enforces them, and the portal's form, which checks them
// before sending. Import-free on purpose: the portal's browser build takes this one file
// (`@platform/contracts/client-header-rules`), not the library's entry point.

/** RFC 9110 §5.6.2 token: the characters a header name may have. */
export const HEADER_NAME_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Names a subscription may not set: hop-by-hop and framing headers (the HTTP client owns them;
 * letting a caller set them invites request smuggling), `host` (routing), `proxy-*`, and the
 * signature headers `webhook-*` (they would let a caller forge what receivers verify).
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
]);

export const MAX_CLIENT_HEADERS = 32;
export const MAX_CLIENT_HEADER_VALUE_LENGTH = 4096;

/** Shown instead of a write-only value. */
export const MASKED_HEADER_VALUE = '********';

export function isForbiddenHeaderName(name: string): boolean {
  const lower = name.toLowerCase();
  return FORBIDDEN.has(lower) || lower.startsWith('webhook-') || lower.startsWith('proxy-');
}

/** Any control character except horizontal tab (RFC 9110 §5.5 field values); CR/LF included. */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

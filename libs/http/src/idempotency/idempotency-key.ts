import { BadRequestException } from '@nestjs/common';

/** The request header (draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Longest key accepted: a UUID is 36, and 255 leaves room for any client's own scheme. */
export const MAX_KEY_LENGTH = 255;

/**
 * The key a request carries, or undefined without the header. The draft makes the value a
 * Structured Field String (RFC 8941 §3.3.3: `"…"` with `\"` and `\\` escapes); most clients
 * (Stripe's, Svix's) send the bare value, so a bare run of visible ASCII is taken as is too.
 * Anything else — empty, too long, control characters, the header given twice — is a 400.
 */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = typeof header === 'string' ? parseKey(header.trim()) : null;
  if (key === null || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new BadRequestException({
      message: `Idempotency-Key must be one value of 1 to ${MAX_KEY_LENGTH} visible ASCII characters, e.g. "8e03978e-40d5-43e8-bc93-6894a57f9324".`,
      errors: [{ field: 'Idempotency-Key', messages: ['not a valid key'] }],
    });
  }
  return key;
}

function parseKey(value: string): string | null {
  if (!value.startsWith('"'))
    return /^[\x21-\x7e]+$/.test(value) && !value.includes('"') ? value : null;
  let key = '';
  for (let i = 1; i < value.length; i++) {
    const c = value.charAt(i);
    if (c === '"') return i === value.length - 1 ? key : null;
    if (c === '\\') {
      const next = value[++i];
      if (next !== '"' && next !== '\\') return null;
      key += next;
    } else if (c < ' ' || c > '~') return null;
    else key += c;
  }
  return null; // no closing quote
}

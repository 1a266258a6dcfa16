/** RFC 6750 §2.1 b64token: what a bearer credential may contain. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The bearer token of an `Authorization` header. The scheme is case-insensitive (RFC 9110
 * §11.1). `undefined` when no bearer credential was sent (no header, another scheme: RFC 6750
 * §3.1 answers with a bare challenge); `null` when one was sent but is malformed (invalid_token).
 */
export function bearerTokenOf(header: string | string[] | undefined): string | undefined | null {
  if (Array.isArray(header)) return null;
  const match = /^\s*bearer(?:\s+(.*?))?\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const token = match[1];
  if (!token) return undefined;
  return B64TOKEN.test(token) ? token : null;
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets, codes and tokens this server makes are 256-bit random values, so a plain SHA-256
 * digest is enough to store them: a slow hash (argon2) defends low-entropy passwords against
 * guessing, and 2^256 candidates cannot be guessed however fast the hash is.
 */
export const digest = (value: string): string =>
  createHash('sha256').update(value).digest('base64url');

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Constant-time comparison of a presented secret with a stored digest. */
export function matchesDigest(presented: string, storedDigest: string): boolean {
  const a = Buffer.from(digest(presented));
  const b = Buffer.from(storedDigest);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Constant-time string equality (CSRF tokens, PKCE challenges). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

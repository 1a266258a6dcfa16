import { Logger } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuditEnv } from '../config';

/**
 * Authenticates the chain with a key the database never holds (ADR 0006): every record's `mac`
 * is HMAC-SHA256(key, "record" · hash) and the head's HMAC-SHA256(key, "head" · seq · hash).
 * The hash already covers the record's fields and its predecessor's hash, so someone who can
 * write to the table and recompute every SHA-256 (the superuser of ADR 0006) still cannot make a
 * changed record, or a head pointing to an earlier record (a cut tail), verify.
 */
export class ChainMac {
  constructor(
    private readonly key: Buffer,
    /** Records up to this seq were written before the chain had a key (AUDIT_CHAIN_UNSIGNED_UNTIL). */
    readonly unsignedUntil = 0n,
  ) {
    if (key.length !== 32) throw new Error('AUDIT_CHAIN_KEY must be 32 bytes');
  }

  /**
   * Production refuses to start without a key; development and tests get one for this process,
   * so records written before a restart no longer verify (the launcher keeps a stable one).
   */
  static fromEnv(env: AuditEnv): ChainMac {
    const unsignedUntil = BigInt(env.AUDIT_CHAIN_UNSIGNED_UNTIL);
    if (env.AUDIT_CHAIN_KEY)
      return new ChainMac(Buffer.from(env.AUDIT_CHAIN_KEY, 'base64'), unsignedUntil);
    if (env.NODE_ENV === 'production') {
      throw new Error(
        'Invalid configuration:\n  - AUDIT_CHAIN_KEY: required in production (32 bytes, base64)',
      );
    }
    new Logger('audit').warn(
      'AUDIT_CHAIN_KEY is not set: using a key generated for this process; records written now ' +
        'will not verify after a restart. Set it (32 bytes, base64) to keep them verifiable.',
    );
    return new ChainMac(randomBytes(32), unsignedUntil);
  }

  forRecord(hash: string): string {
    return this.hmac(`record\n${hash}`);
  }

  forHead(seq: string, hash: string): string {
    return this.hmac(`head\n${seq}\n${hash}`);
  }

  /** Constant-time comparison of a stored MAC with the expected one. */
  static matches(stored: string | null, expected: string): boolean {
    if (stored === null || stored.length !== expected.length) return false;
    return timingSafeEqual(Buffer.from(stored), Buffer.from(expected));
  }

  private hmac(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('hex');
  }
}

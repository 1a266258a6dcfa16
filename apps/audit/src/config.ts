import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ServiceEnv } from '@platform/config';

export class AuditEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3007;

  /**
   * 32 bytes, base64: the HMAC key that authenticates the hash chain (ADR 0006). Kept outside the
   * database, so a rewrite of the table cannot be re-signed. Required in production.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'AUDIT_CHAIN_KEY must be 32 bytes in base64' })
  AUDIT_CHAIN_KEY?: string;

  /**
   * Records up to this seq were written before AUDIT_CHAIN_KEY existed and carry no MAC; they are
   * covered by the first signed record's hash. Default 0: every record must be signed.
   */
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  AUDIT_CHAIN_UNSIGNED_UNTIL: number = 0;
}

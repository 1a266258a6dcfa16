import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the library defaults (19 MiB, 2 passes, 1 lane: the OWASP Password Storage
 * Cheat Sheet's first recommended setting). The hash is a PHC string that carries its own
 * salt and parameters, so they can be raised later without breaking stored hashes.
 */
@Injectable()
export class PasswordHasher {
  /** Hashed once at start-up; checked when the login is unknown so both paths cost the same. */
  private readonly dummy: Promise<string> = hash('dummy password for unknown logins');

  hash(password: string): Promise<string> {
    return hash(password);
  }

  /** Constant-time check; `stored` null (unknown user, SSO-only user) still costs one verify. */
  async verify(stored: string | null, password: string): Promise<boolean> {
    const target = stored ?? (await this.dummy);
    try {
      const ok = await verify(target, password);
      return stored !== null && ok;
    } catch {
      return false;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { SlowDown } from '../errors/oauth-errors';

interface Window {
  failures: number;
  firstAt: number;
  lockedUntil: number;
}

/** How many failures a key may have in the window before it is locked, and for how long. */
const POLICY = {
  account: { limit: 5, windowMs: 15 * 60_000, lockMs: 60_000 },
  ip: { limit: 30, windowMs: 15 * 60_000, lockMs: 60_000 },
} as const;
const MAX_KEYS = 100_000;

/**
 * Throttles failed client authentications and logins per client/account and per IP: after too
 * many failures the key is locked (429 + Retry-After), the lock doubling while failures go on.
 * In memory per instance (docs/oauth.md): N instances allow at most N× the budget, which still
 * makes online guessing of a 256-bit secret or an argon2id password pointless.
 */
@Injectable()
export class FailureThrottle {
  private readonly windows = new Map<string, Window>();

  /** Throws SlowDown when any of the keys is locked. */
  check(account: string, ip: string | undefined, now = Date.now()): void {
    for (const key of this.keys(account, ip)) {
      const w = this.windows.get(key);
      if (w && w.lockedUntil > now) {
        throw new SlowDown('Too many failed attempts; try again later.', Math.ceil((w.lockedUntil - now) / 1000));
      }
    }
  }

  fail(account: string, ip: string | undefined, now = Date.now()): void {
    for (const key of this.keys(account, ip)) {
      const policy = key.startsWith('ip:') ? POLICY.ip : POLICY.account;
      let w = this.windows.get(key);
      if (!w || now - w.firstAt > policy.windowMs) w = { failures: 0, firstAt: now, lockedUntil: 0 };
      w.failures++;
      if (w.failures >= policy.limit) {
        const over = w.failures - policy.limit;
        w.lockedUntil = now + policy.lockMs * 2 ** Math.min(over, 6);
      }
      this.set(key, w);
    }
  }

  /** A success clears the account's failures (the IP's stay: one good login must not launder many bad ones). */
  succeed(account: string): void {
    this.windows.delete(`acct:${account}`);
  }

  private keys(account: string, ip: string | undefined): string[] {
    return ip ? [`acct:${account}`, `ip:${ip}`] : [`acct:${account}`];
  }

  private set(key: string, w: Window): void {
    if (!this.windows.has(key) && this.windows.size >= MAX_KEYS) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) this.windows.delete(oldest);
    }
    this.windows.set(key, w);
  }
}

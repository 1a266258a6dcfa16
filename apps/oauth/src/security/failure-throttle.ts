import { Injectable } from '@nestjs/common';
import { SlowDown } from '../errors/oauth-errors';

interface Window {
  failures: number;
  lastAt: number;
  lockedUntil: number;
}

interface Policy {
  /** Failures allowed before the first lock. */
  limit: number;
  /** Quiet time (after the last failure and the end of any lock) that forgets the failures. */
  quietMs: number;
  /** The first lock; each further failure doubles it, up to 2^6 × (64 min for 60 s). */
  lockMs: number;
}

/**
 * The limits (docs/oauth.md "Throttling"). Nothing is ever counted per client or per account
 * alone: a counter anyone can bump is a lever to lock its owner out.
 */
export const POLICY = {
  /** Wrong client secrets and customer tokens, per source: 256-bit secrets cannot be guessed, so this only damps noise. */
  secretSource: { limit: 20, quietMs: 15 * 60_000, lockMs: 60_000 },
  /** Wrong passwords for one account from one source: the owner's own source is never locked by another's. */
  loginAccountSource: { limit: 5, quietMs: 15 * 60_000, lockMs: 60_000 },
  /** Wrong passwords from one source across accounts (password spraying). */
  loginSource: { limit: 30, quietMs: 15 * 60_000, lockMs: 60_000 },
} as const satisfies Record<string, Policy>;
type Scope = keyof typeof POLICY;
type Key = readonly [Scope, string];

const MAX_KEYS = 100_000;
const MAX_DOUBLINGS = 6;
const UNKNOWN_SOURCE = 'unknown';

/**
 * Throttles failed client authentications and logins: after too many failures a key is locked
 * (429 + Retry-After), the lock doubling with each failure after it ends, until the key has been
 * quiet for a while. In memory per instance (docs/oauth.md): N instances allow at most N× the
 * budget, which still makes online guessing of a 256-bit secret or an argon2id password pointless.
 */
@Injectable()
export class FailureThrottle {
  private readonly windows = new Map<string, Window>();

  /** Throws SlowDown while the source may not try client (or customer) secrets. */
  checkSecret(ip: string | undefined, now = Date.now()): void {
    this.check(secretKeys(ip), now);
  }

  failSecret(ip: string | undefined, now = Date.now()): void {
    this.fail(secretKeys(ip), now);
  }

  /** Throws SlowDown while this source may not try this account (or any account). */
  checkLogin(account: string, ip: string | undefined, now = Date.now()): void {
    this.check(loginKeys(account, ip), now);
  }

  failLogin(account: string, ip: string | undefined, now = Date.now()): void {
    this.fail(loginKeys(account, ip), now);
  }

  /** A success clears the (account, source) failures; the source's stay, so one good login launders nothing. */
  loginSucceeded(account: string, ip: string | undefined): void {
    const [accountSource] = loginKeys(account, ip);
    this.windows.delete(name(accountSource));
  }

  private check(keys: Key[], now: number): void {
    const until = Math.max(0, ...keys.map((k) => this.live(k, now)?.lockedUntil ?? 0));
    if (until > now)
      throw new SlowDown(
        'Too many failed attempts; try again later.',
        Math.ceil((until - now) / 1000),
      );
  }

  private fail(keys: Key[], now: number): void {
    for (const key of keys) {
      const policy: Policy = POLICY[key[0]];
      const w = this.live(key, now) ?? { failures: 0, lastAt: now, lockedUntil: 0 };
      w.failures++;
      w.lastAt = now;
      const over = w.failures - policy.limit;
      if (over >= 0) w.lockedUntil = now + policy.lockMs * 2 ** Math.min(over, MAX_DOUBLINGS);
      this.set(name(key), w);
    }
  }

  /** The key's window, unless it has been quiet long enough to be forgotten. */
  private live(key: Key, now: number): Window | undefined {
    const w = this.windows.get(name(key));
    if (!w) return undefined;
    if (now - Math.max(w.lastAt, w.lockedUntil) <= POLICY[key[0]].quietMs) return w;
    this.windows.delete(name(key));
    return undefined;
  }

  private set(key: string, w: Window): void {
    this.windows.delete(key); // re-inserted last: the map's order is least recently failed first
    if (this.windows.size >= MAX_KEYS) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) this.windows.delete(oldest);
    }
    this.windows.set(key, w);
  }
}

const source = (ip: string | undefined): string => ip ?? UNKNOWN_SOURCE;
const name = ([scope, id]: Key): string => `${scope}:${id}`;
const secretKeys = (ip: string | undefined): Key[] => [['secretSource', source(ip)]];
const loginKeys = (account: string, ip: string | undefined): Key[] => [
  ['loginAccountSource', `${account}\u0000${source(ip)}`],
  ['loginSource', source(ip)],
];

import { SlowDown } from '../errors/oauth-errors';
import { FailureThrottle, POLICY } from './failure-throttle';

const t0 = 1_000_000;
const MIN = 60_000;

function retryAfter(fn: () => void): number | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (!(e instanceof SlowDown)) throw e;
    return e.retryAfterSeconds;
  }
}

describe('FailureThrottle: logins', () => {
  it('locks an account for the source that failed 5 times, never for the owner at another source', () => {
    const throttle = new FailureThrottle();
    for (let i = 0; i < 4; i++) throttle.failLogin('alice', '10.6.6.6', t0);
    expect(retryAfter(() => throttle.checkLogin('alice', '10.6.6.6', t0))).toBeUndefined();
    throttle.failLogin('alice', '10.6.6.6', t0);
    expect(retryAfter(() => throttle.checkLogin('alice', '10.6.6.6', t0 + 1000))).toBe(59);
    expect(retryAfter(() => throttle.checkLogin('alice', '10.0.0.1', t0 + 1000))).toBeUndefined();
    expect(retryAfter(() => throttle.checkLogin('alice', '10.6.6.6', t0 + 61_000))).toBeUndefined();
  });

  it('doubles the lock with each failure after a lock ends, up to 64 times the first', () => {
    const throttle = new FailureThrottle();
    let now = t0;
    for (let i = 0; i < 5; i++) throttle.failLogin('bob', '10.1.1.1', now);
    const locks: number[] = [retryAfter(() => throttle.checkLogin('bob', '10.1.1.1', now)) ?? 0];
    for (let round = 0; round < 8; round++) {
      now += locks[locks.length - 1]! * 1000 + 1000; // the lock has ended: one more wrong guess
      expect(retryAfter(() => throttle.checkLogin('bob', '10.1.1.1', now))).toBeUndefined();
      throttle.failLogin('bob', '10.1.1.1', now);
      locks.push(retryAfter(() => throttle.checkLogin('bob', '10.1.1.1', now)) ?? 0);
    }
    expect(locks).toEqual([60, 120, 240, 480, 960, 1920, 3840, 3840, 3840]);
  });

  it('keeps counting failures that come soon after a lock, and forgets after 15 quiet minutes', () => {
    const throttle = new FailureThrottle();
    for (let i = 0; i < 5; i++) throttle.failLogin('carol', '10.2.2.2', t0);
    const afterLock = t0 + MIN + 1000;
    throttle.failLogin('carol', '10.2.2.2', afterLock);
    expect(retryAfter(() => throttle.checkLogin('carol', '10.2.2.2', afterLock))).toBe(120);
    const quiet = afterLock + 2 * MIN + POLICY.loginAccountSource.quietMs + 1;
    throttle.failLogin('carol', '10.2.2.2', quiet);
    expect(retryAfter(() => throttle.checkLogin('carol', '10.2.2.2', quiet))).toBeUndefined();
  });

  it('locks a source that fails across many accounts (spraying), and a success clears only its own account', () => {
    const throttle = new FailureThrottle();
    for (let i = 0; i < 30; i++) throttle.failLogin(`user${i}`, '10.9.9.9', t0);
    expect(retryAfter(() => throttle.checkLogin('new', '10.9.9.9', t0))).toBe(60);
    expect(retryAfter(() => throttle.checkLogin('new', '10.1.1.1', t0))).toBeUndefined();
    throttle.loginSucceeded('user0', '10.9.9.9');
    expect(retryAfter(() => throttle.checkLogin('user0', '10.9.9.9', t0))).toBe(60);
  });

  it('a success clears the account at that source', () => {
    const throttle = new FailureThrottle();
    for (let i = 0; i < 4; i++) throttle.failLogin('dave', '10.3.3.3', t0);
    throttle.loginSucceeded('dave', '10.3.3.3');
    throttle.failLogin('dave', '10.3.3.3', t0);
    expect(retryAfter(() => throttle.checkLogin('dave', '10.3.3.3', t0))).toBeUndefined();
  });
});

describe('FailureThrottle: client secrets', () => {
  it('counts per source only: the source that guesses is locked, nobody else', () => {
    const throttle = new FailureThrottle();
    for (let i = 0; i < POLICY.secretSource.limit; i++) throttle.failSecret('10.6.6.6', t0);
    expect(retryAfter(() => throttle.checkSecret('10.6.6.6', t0))).toBe(60);
    expect(retryAfter(() => throttle.checkSecret('10.0.0.1', t0))).toBeUndefined();
  });
});

import { SlowDown } from '../errors/oauth-errors';
import { FailureThrottle } from './failure-throttle';

describe('FailureThrottle', () => {
  const t0 = 1_000_000;

  it('locks an account after 5 failures, with Retry-After, until the lock ends', () => {
    const throttle = new FailureThrottle();
    for (let i = 0; i < 4; i++) throttle.fail('user:a', '10.0.0.1', t0);
    expect(() => throttle.check('user:a', '10.0.0.2', t0)).not.toThrow();
    throttle.fail('user:a', '10.0.0.1', t0);
    let err: unknown;
    try {
      throttle.check('user:a', '10.0.0.2', t0 + 1000);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SlowDown);
    expect((err as SlowDown).retryAfterSeconds).toBe(59);
    expect(() => throttle.check('user:a', '10.0.0.2', t0 + 61_000)).not.toThrow();
  });

  it('doubles the lock while failures go on', () => {
    const throttle = new FailureThrottle();
    for (let i = 0; i < 6; i++) throttle.fail('user:b', undefined, t0);
    expect(() => throttle.check('user:b', undefined, t0 + 90_000)).toThrow(SlowDown);
    expect(() => throttle.check('user:b', undefined, t0 + 121_000)).not.toThrow();
  });

  it('locks an IP that fails across many accounts, and a success clears only the account', () => {
    const throttle = new FailureThrottle();
    for (let i = 0; i < 30; i++) throttle.fail(`user:${i}`, '10.9.9.9', t0);
    expect(() => throttle.check('user:new', '10.9.9.9', t0)).toThrow(SlowDown);
    expect(() => throttle.check('user:new', '10.1.1.1', t0)).not.toThrow();
    throttle.succeed('user:0');
    expect(() => throttle.check('user:0', '10.9.9.9', t0)).toThrow(SlowDown);
  });
});

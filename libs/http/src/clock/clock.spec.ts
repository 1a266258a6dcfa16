import { SystemClock, TestClock } from './clock';

describe('Clock', () => {
  it('SystemClock answers the current time', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('TestClock can be set and advanced', () => {
    const clock = new TestClock();
    clock.set(new Date('2026-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:00.000Z');
  });

  it('TestClock without set follows real time plus its offset', () => {
    const clock = new TestClock();
    clock.advance(24 * 3600_000);
    expect(clock.now().getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);
  });
});

import { nextRetryDelay, parseRetryAfter, parseRetrySchedule } from './retry-schedule';
import { fairShare, rateAllowance, SEND_SKEW_MS } from './rate-window';

describe('retry schedule', () => {
  const schedule = parseRetrySchedule('5s,30s,2m,10m,30m,1h,3h,6h,12h');

  it('parses durations', () => {
    expect(parseRetrySchedule('100ms, 2s,1m,1h')).toEqual([100, 2_000, 60_000, 3_600_000]);
  });

  it('retries first within 10 s and gives up about a day after the event', () => {
    expect(nextRetryDelay({ attempts: 1, schedule, random: 0.999 })!).toBeLessThanOrEqual(10_000);
    const total = schedule.reduce((a, b) => a + b, 0);
    expect(total / 3_600_000).toBeGreaterThan(20);
    expect(total / 3_600_000).toBeLessThan(28);
    expect(nextRetryDelay({ attempts: schedule.length + 1, schedule, random: 0.5 })).toBeNull();
  });

  it('jitters ±20 %', () => {
    expect(nextRetryDelay({ attempts: 2, schedule, random: 0 })).toBe(24_000);
    expect(nextRetryDelay({ attempts: 2, schedule, random: 0.5 })).toBe(30_000);
    expect(nextRetryDelay({ attempts: 2, schedule, random: 0.99999 })).toBe(36_000);
  });

  it('honours Retry-After (seconds or HTTP-date)', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(nextRetryDelay({ attempts: 1, schedule, retryAfterMs: 120_000, random: 0 })).toBe(
      120_000,
    );
  });
});

describe('rate window', () => {
  const now = new Date('2026-01-01T00:00:10Z');
  const at = (msAgo: number): Date => new Date(now.getTime() - msAgo);

  it('allows up to `requests` in the sliding window and forgets older sends', () => {
    const limit = { requests: 3, perSeconds: 1 };
    expect(rateAllowance([], limit, now).allowed).toBe(3);
    expect(rateAllowance([at(100), at(200)], limit, now).allowed).toBe(1);
    expect(rateAllowance([at(100), at(200), at(300)], limit, now).allowed).toBe(0);
    const old = at(1_000 + SEND_SKEW_MS + 1);
    expect(rateAllowance([old, at(100)], limit, now)).toEqual({ allowed: 2, kept: [at(100)] });
  });

  it('no limit means no cap', () => {
    expect(rateAllowance([at(1)], null, now).allowed).toBeGreaterThan(1e9);
  });

  it('shares free slots equally, at least one each', () => {
    expect(fairShare(64, 4)).toBe(16);
    expect(fairShare(3, 10)).toBe(1);
    expect(fairShare(10, 0)).toBe(0);
  });
});

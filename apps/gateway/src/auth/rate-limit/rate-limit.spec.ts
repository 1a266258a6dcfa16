import { loadConfig, ConfigError } from '@platform/config';
import { GatewayEnv } from '../../config';
import { MemoryRateLimiter } from './memory-rate-limiter';
import {
  parsePerClientPolicies,
  parseRateLimitPolicy,
  rateLimitHeaders,
} from './rate-limit-policy';

describe('rate-limit policies', () => {
  it('parses count/window with units', () => {
    expect(parseRateLimitPolicy('600/60s')).toEqual({ limit: 600, windowSeconds: 60 });
    expect(parseRateLimitPolicy('100/2m')).toEqual({ limit: 100, windowSeconds: 120 });
    expect(parseRateLimitPolicy('5000/1h')).toEqual({ limit: 5000, windowSeconds: 3600 });
    expect(() => parseRateLimitPolicy('0/60s')).toThrow();
    expect(() => parseRateLimitPolicy('ten/60s')).toThrow();
  });

  it('parses the per-client JSON map', () => {
    expect(parsePerClientPolicies('{"a":"10/1s"}').get('a')).toEqual({
      limit: 10,
      windowSeconds: 1,
    });
    expect(() => parsePerClientPolicies('["a"]')).toThrow();
    expect(() => parsePerClientPolicies('{"a":10}')).toThrow();
  });

  it('stops the gateway at boot naming a bad variable', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----';
    const load = (env: Record<string, string>): GatewayEnv =>
      loadConfig(GatewayEnv, { ASSERTION_PRIVATE_KEY: key, ...env });
    expect(() => load({ RATE_LIMIT_PER_CLIENT: '{"a":"lots"}' })).toThrow(/RATE_LIMIT_PER_CLIENT/);
    expect(() => load({ RATE_LIMIT_DEFAULT: 'fast' })).toThrow(ConfigError);
    expect(() => load({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
    const env = load({ OAUTH_URL: 'http://oauth:3001/', PUBLIC_URL: 'https://api.example' });
    expect(env.jwksUrl()).toBe('http://oauth:3001/auth/oauth2/jwks');
    expect(env.issuer()).toBe('https://api.example');
  });

  it('writes the IETF RateLimit fields', () => {
    expect(rateLimitHeaders('client', { limit: 600, windowSeconds: 60 }, 12, 30)).toEqual({
      'RateLimit-Policy': '"client";q=600;w=60',
      RateLimit: '"client";r=12;t=30',
    });
  });
});

describe('MemoryRateLimiter', () => {
  it('allows `limit` requests per window and key, then refuses until the window ends', async () => {
    let now = 120_000; // the start of a 60 s window
    const limiter = new MemoryRateLimiter(() => now);
    const policy = { limit: 3, windowSeconds: 60 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.consume('a', policy));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect((await limiter.consume('b', policy)).allowed).toBe(true);
    now += 45_000;
    expect((await limiter.consume('a', policy)).resetSeconds).toBe(15);
    now += 15_000;
    expect(await limiter.consume('a', policy)).toEqual({
      allowed: true,
      remaining: 2,
      resetSeconds: 60,
    });
  });
});

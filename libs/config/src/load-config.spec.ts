import { ConfigError, loadConfig } from './load-config';
import { ServiceEnv } from './service-env';

const KEY = '-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA\\n-----END PUBLIC KEY-----';

describe('loadConfig', () => {
  it('converts and defaults values', () => {
    const c = loadConfig(ServiceEnv, {
      PORT: '3004',
      DATABASE_URL: 'postgres://x@h/db',
      ASSERTION_PUBLIC_KEY: KEY,
    });
    expect(c.PORT).toBe(3004);
    expect(c.LOG_LEVEL).toBe('info');
    expect(c.kafkaBrokers).toEqual([]);
    expect(c.publicUrl()).toBe('http://localhost:3004');
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      loadConfig(ServiceEnv, {
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        KAFKA_BROKERS: 'a b',
        ASSERTION_PUBLIC_KEY: KEY,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const vars = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(vars).toEqual(['DATABASE_URL', 'KAFKA_BROKERS', 'PORT']);
    expect((error as ConfigError).message).toContain('KAFKA_BROKERS');
  });

  it('takes a KAFKA_GROUP_ID made of safe characters and names it when it is not', () => {
    const base = { PORT: '1', DATABASE_URL: 'postgres://h/d', ASSERTION_PUBLIC_KEY: KEY };
    expect(
      loadConfig(ServiceEnv, { ...base, KAFKA_GROUP_ID: 'users-staging.1' }).KAFKA_GROUP_ID,
    ).toBe('users-staging.1');
    expect(loadConfig(ServiceEnv, base).KAFKA_GROUP_ID).toBeUndefined();
    expect(() => loadConfig(ServiceEnv, { ...base, KAFKA_GROUP_ID: 'users staging' })).toThrow(
      /KAFKA_GROUP_ID must be/,
    );
  });

  it('converts a number given only a default in the base class (KAFKA_MAX_WAIT_MS)', () => {
    class SubEnv extends ServiceEnv {}
    const c = loadConfig(SubEnv, {
      PORT: '1',
      DATABASE_URL: 'postgres://h/d',
      ASSERTION_PUBLIC_KEY: KEY,
      KAFKA_MAX_WAIT_MS: '80',
    });
    expect(c.KAFKA_MAX_WAIT_MS).toBe(80);
    expect(
      loadConfig(SubEnv, { PORT: '1', DATABASE_URL: 'postgres://h/d', ASSERTION_PUBLIC_KEY: KEY })
        .KAFKA_MAX_WAIT_MS,
    ).toBe(100);
  });

  it('reads MIGRATIONS_RUN as true unless it is false, and names any other value', () => {
    const base = { PORT: '1', DATABASE_URL: 'postgres://h/d', ASSERTION_PUBLIC_KEY: KEY };
    expect(loadConfig(ServiceEnv, base).migrationsRun).toBe(true);
    expect(loadConfig(ServiceEnv, { ...base, MIGRATIONS_RUN: 'false' }).migrationsRun).toBe(false);
    expect(() => loadConfig(ServiceEnv, { ...base, MIGRATIONS_RUN: 'no' })).toThrow(
      /MIGRATIONS_RUN must be true or false/,
    );
  });

  it('treats empty strings as unset', () => {
    const c = loadConfig(ServiceEnv, {
      PORT: '1',
      DATABASE_URL: 'postgres://h/d',
      LOG_LEVEL: '',
      ASSERTION_PUBLIC_KEY: KEY,
    });
    expect(c.LOG_LEVEL).toBe('info');
  });
});

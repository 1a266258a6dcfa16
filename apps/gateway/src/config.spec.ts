import { ConfigError, loadConfig } from '@platform/config';
import { GatewayEnv, MIB } from './config';

const KEY = '-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIA\\n-----END PRIVATE KEY-----';

describe('GatewayEnv', () => {
  it('needs no database in development and defaults every service to its port of the spec table', () => {
    const config = loadConfig(GatewayEnv, {
      ASSERTION_PRIVATE_KEY: KEY,
      USERS_URL: 'http://users:8080/',
    });
    expect(config.PORT).toBe(3000);
    expect(config.BODY_LIMIT_BYTES).toBe(MIB);
    expect(config.PHOTO_BODY_LIMIT_BYTES).toBe(5 * MIB);
    expect(config.publicUrl()).toBe('http://localhost:3000');
    expect(config.serviceUrls()).toMatchObject({
      oauth: 'http://127.0.0.1:3001',
      users: 'http://users:8080',
      audit: 'http://127.0.0.1:3007',
    });
  });

  it('reads CORS_ORIGINS as origins and refuses one with a path', () => {
    const config = loadConfig(GatewayEnv, {
      ASSERTION_PRIVATE_KEY: KEY,
      CORS_ORIGINS: 'https://App.Example.com:443,http://localhost:5173',
    });
    expect(config.corsOrigins()).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(() =>
      loadConfig(GatewayEnv, { ASSERTION_PRIVATE_KEY: KEY, CORS_ORIGINS: 'https://a.example/x' }),
    ).toThrow(/CORS_ORIGINS/);
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      loadConfig(GatewayEnv, { OAUTH_URL: 'ftp://x', BODY_LIMIT_BYTES: 'lots' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
      'ASSERTION_PRIVATE_KEY',
      'BODY_LIMIT_BYTES',
      'OAUTH_URL',
    ]);
  });
});

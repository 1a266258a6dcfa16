import { ConfigError, loadConfig } from '@platform/config';
import { OauthEnv } from './config';

const BASE = {
  DATABASE_URL: 'postgres://oauth@127.0.0.1:5432/oauth',
  ASSERTION_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA\\n-----END PUBLIC KEY-----',
  ASSERTION_PRIVATE_KEY:
    '-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIA\\n-----END PRIVATE KEY-----',
};

describe('OauthEnv', () => {
  it('refuses an operator-chosen bootstrap client secret shorter than 32 characters', () => {
    expect(() =>
      loadConfig(OauthEnv, {
        ...BASE,
        BOOTSTRAP_CLIENT_ID: 'admin',
        BOOTSTRAP_CLIENT_SECRET: 'password123',
      }),
    ).toThrow(ConfigError);
    expect(() => loadConfig(OauthEnv, { ...BASE, BOOTSTRAP_CLIENT_SECRET: 'password123' })).toThrow(
      /BOOTSTRAP_CLIENT_SECRET must be at least 32 characters/,
    );
    const config = loadConfig(OauthEnv, {
      ...BASE,
      BOOTSTRAP_CLIENT_ID: 'admin',
      BOOTSTRAP_CLIENT_SECRET: 'a'.repeat(32),
    });
    expect(config.BOOTSTRAP_CLIENT_SECRET).toHaveLength(32);
  });
});

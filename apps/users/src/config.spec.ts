import { ConfigError, loadConfig } from '@platform/config';
import { UsersEnv } from './config';

const base = {
  PORT: '0',
  DATABASE_URL: 'postgres://u@localhost/db',
  ASSERTION_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----',
};

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(UsersEnv, { ...base, ...env });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  return '';
}

describe('UsersEnv', () => {
  it('accepts no bootstrap admin, or both login and password', () => {
    expect(problemsOf({})).toBe('');
    expect(
      problemsOf({ BOOTSTRAP_ADMIN_LOGIN: 'root', BOOTSTRAP_ADMIN_PASSWORD: 'long enough' }),
    ).toBe('');
  });

  it('stops the boot naming the variable when half of the bootstrap admin is set or it is weak', () => {
    expect(problemsOf({ BOOTSTRAP_ADMIN_LOGIN: 'root' })).toContain(
      'BOOTSTRAP_ADMIN_PASSWORD must be set together',
    );
    expect(
      problemsOf({ BOOTSTRAP_ADMIN_LOGIN: 'root', BOOTSTRAP_ADMIN_PASSWORD: 'short' }),
    ).toContain('BOOTSTRAP_ADMIN_PASSWORD');
    expect(
      problemsOf({ BOOTSTRAP_ADMIN_LOGIN: 'bad login!', BOOTSTRAP_ADMIN_PASSWORD: 'long enough' }),
    ).toContain('BOOTSTRAP_ADMIN_LOGIN');
  });
});

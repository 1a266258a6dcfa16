import { randomBytes } from 'node:crypto';
import { OauthEnv } from '../config';
import { KeyEncryption } from './key-encryption';

describe('KeyEncryption', () => {
  it('round-trips, and a different key or a tampered envelope cannot open it', () => {
    const enc = new KeyEncryption(randomBytes(32));
    const sealed = enc.encrypt('-----BEGIN PRIVATE KEY-----x');
    expect(sealed).not.toContain('PRIVATE');
    expect(enc.decrypt(sealed)).toBe('-----BEGIN PRIVATE KEY-----x');
    expect(() => new KeyEncryption(randomBytes(32)).decrypt(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => enc.decrypt(parts.join('.'))).toThrow();
  });

  it('refuses to start in production without OAUTH_KEY_ENCRYPTION_KEY', () => {
    const env = Object.assign(new OauthEnv(), { NODE_ENV: 'production' });
    expect(() => KeyEncryption.fromEnv(env)).toThrow(/OAUTH_KEY_ENCRYPTION_KEY/);
  });
});

import { randomBytes } from 'node:crypto';
import { SecretBox } from '@platform/auth';
import { OauthEnv } from '../config';
import { keyBoxFor } from './key-box';

/** Sealed by the former KeyEncryption (keys/key-encryption.ts) under `FIXTURE_KEY`. */
const FIXTURE_KEY = Buffer.alloc(32, 7).toString('base64');
const FIXTURE_SEALED =
  'v1.pICLL6zF5K6a00Rf.2dr4cHVzHdzc7hFuohkz7A.k88xlvI6uVTVicieEoo2xHD4x-ByysXUhrpxLxtdt8o2txL8ZWlWYaZJpzHtwyFEdqe8smuJtR3C_evjW3g';
const FIXTURE_PLAIN = '-----BEGIN PRIVATE KEY-----\nfixture\n-----END PRIVATE KEY-----\n';

describe('the signing keys box', () => {
  it('round-trips, and a different key or a tampered envelope cannot open it', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('-----BEGIN PRIVATE KEY-----x');
    expect(sealed).not.toContain('PRIVATE');
    expect(box.open(sealed)).toBe('-----BEGIN PRIVATE KEY-----x');
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
  });

  it('opens a key sealed by the former KeyEncryption (no migration)', () => {
    const env = Object.assign(new OauthEnv(), { OAUTH_KEY_ENCRYPTION_KEY: FIXTURE_KEY });
    expect(keyBoxFor(env).open(FIXTURE_SEALED)).toBe(FIXTURE_PLAIN);
  });

  it('refuses to start in production without OAUTH_KEY_ENCRYPTION_KEY', () => {
    const env = Object.assign(new OauthEnv(), { NODE_ENV: 'production' });
    expect(() => keyBoxFor(env)).toThrow(/OAUTH_KEY_ENCRYPTION_KEY/);
  });
});

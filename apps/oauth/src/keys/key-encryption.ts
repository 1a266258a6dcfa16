import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { OauthEnv } from '../config';

/** AES-256-GCM for signing keys at rest: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export class KeyEncryption {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('OAUTH_KEY_ENCRYPTION_KEY must be 32 bytes');
  }

  /**
   * Production refuses to start without a key (an insecure default must not be silent);
   * development and tests get a random one, which makes stored keys unreadable after a restart
   * (the key store then rotates to a fresh key).
   */
  static fromEnv(env: OauthEnv): KeyEncryption {
    if (env.OAUTH_KEY_ENCRYPTION_KEY) return new KeyEncryption(Buffer.from(env.OAUTH_KEY_ENCRYPTION_KEY, 'base64'));
    if (env.NODE_ENV === 'production') {
      throw new Error('OAUTH_KEY_ENCRYPTION_KEY: required in production (32 bytes, base64)');
    }
    new Logger('KeyEncryption').warn('OAUTH_KEY_ENCRYPTION_KEY is not set: using a random key for this process');
    return new KeyEncryption(randomBytes(32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !data) throw new Error('unknown key envelope');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}

import { randomBytes } from 'node:crypto';
import { Logger, type Provider } from '@nestjs/common';
import { SecretBox } from '@platform/auth';
import { bindingInPlaintext, type ResponseCipher } from '@platform/http';
import { OauthEnv } from '../config';

const boxes = new WeakMap<OauthEnv, SecretBox>();

/**
 * The secret box of oauth's secrets at rest (signing keys, the idempotency store's first answers):
 * libs/auth's SecretBox under OAUTH_KEY_ENCRYPTION_KEY. Signing keys are sealed without a binding,
 * which is the envelope the former KeyEncryption wrote (`v1.<iv>.<tag>.<ciphertext>`, AES-256-GCM,
 * no additional data), so keys already in a database open unchanged.
 *
 * Production refuses to start without a key (an insecure default must not be silent);
 * development and tests get a random one per process, which makes stored keys unreadable after
 * a restart (the key store then rotates to a fresh key).
 */
export function keyBoxFor(env: OauthEnv): SecretBox {
  const known = boxes.get(env);
  if (known) return known;
  const box = new SecretBox(keyOf(env));
  boxes.set(env, box);
  return box;
}

function keyOf(env: OauthEnv): Buffer {
  if (env.OAUTH_KEY_ENCRYPTION_KEY) {
    const key = Buffer.from(env.OAUTH_KEY_ENCRYPTION_KEY, 'base64');
    if (key.length !== 32) throw new Error('OAUTH_KEY_ENCRYPTION_KEY must be 32 bytes');
    return key;
  }
  if (env.NODE_ENV === 'production') {
    throw new Error('OAUTH_KEY_ENCRYPTION_KEY: required in production (32 bytes, base64)');
  }
  new Logger('KeyBox').warn(
    'OAUTH_KEY_ENCRYPTION_KEY is not set: using a random key for this process',
  );
  return randomBytes(32);
}

/**
 * The idempotency store's cipher: the binding inside the sealed plaintext, as it was before the
 * shared box (records already stored keep opening).
 */
export function idempotencyCipherFor(env: OauthEnv): ResponseCipher {
  const box = keyBoxFor(env);
  return bindingInPlaintext({
    encrypt: (plaintext) => box.seal(plaintext),
    decrypt: (sealed) => box.open(sealed),
  });
}

export const keyBoxProvider: Provider = {
  provide: SecretBox,
  inject: [OauthEnv],
  useFactory: keyBoxFor,
};

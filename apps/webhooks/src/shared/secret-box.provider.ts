import { Logger, type Provider } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { SecretBox } from '@platform/auth';
import { WebhooksEnv } from '../config';

/** One box per configuration, however many providers ask (a generated key must be shared). */
const boxes = new WeakMap<WebhooksEnv, SecretBox>();

/**
 * The key comes from WEBHOOKS_ENCRYPTION_KEY. Production refuses to start without it; elsewhere a
 * key is generated for this process and a warning says that its secrets die with it.
 */
export function secretBoxFor(env: WebhooksEnv): SecretBox {
  const known = boxes.get(env);
  if (known) return known;
  const box = new SecretBox(keyOf(env));
  boxes.set(env, box);
  return box;
}

function keyOf(env: WebhooksEnv): Buffer {
  if (env.WEBHOOKS_ENCRYPTION_KEY) return Buffer.from(env.WEBHOOKS_ENCRYPTION_KEY, 'base64');
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'Invalid configuration:\n  - WEBHOOKS_ENCRYPTION_KEY: required in production (32 bytes, base64)',
    );
  }
  new Logger('webhooks').warn(
    'WEBHOOKS_ENCRYPTION_KEY is not set: using a key generated for this process; stored webhook secrets ' +
      'will not decrypt after a restart. Set it (32 bytes, base64) to keep them.',
  );
  return randomBytes(32);
}

export const secretBoxProvider: Provider = {
  provide: SecretBox,
  inject: [WebhooksEnv],
  useFactory: secretBoxFor,
};

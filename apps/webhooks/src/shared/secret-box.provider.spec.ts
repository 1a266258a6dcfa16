import { loadConfig } from '@platform/config';
import { TEST_ASSERTION_KEYS } from '@platform/testing';
import { WebhooksEnv } from '../config';
import { binding } from '../engine/subscription-secrets';
import { secretBoxFor } from './secret-box.provider';

/**
 * Made by the SecretBox webhooks had of its own (apps/webhooks/src/shared/secret-box.ts, before
 * issue 17) with the key below, for the `secret` of subscription SUBSCRIPTION: rows written then
 * must still open with @platform/auth's box.
 */
const KEY = 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=';
const SUBSCRIPTION = '3f8a1c2e-0d4b-4e6f-9a7b-1c2d3e4f5a6b';
const SEALED_BY_THE_OLD_BOX =
  'v1.r7scBPdQ5mBoKhEX.EoeR_OK0sggxpcu_5eKShw.7HhBVkt3gIkgK4QIBqq9a4NZukBuGLAf03hBV25XrXvnTwPE7YRHTZvd';

describe('webhooks secret box', () => {
  const env = loadConfig(WebhooksEnv, {
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://localhost/webhooks',
    ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
    WEBHOOKS_ENCRYPTION_KEY: KEY,
  });
  const box = secretBoxFor(env);

  it('opens a secret sealed before the box moved to @platform/auth', () => {
    expect(box.open(SEALED_BY_THE_OLD_BOX, binding(SUBSCRIPTION, 'secret'))).toBe(
      'whsec_fixture-made-by-the-old-webhooks-box',
    );
  });

  it('keeps it bound to its row and field', () => {
    expect(() =>
      box.open(SEALED_BY_THE_OLD_BOX, binding(SUBSCRIPTION, 'previous_secret')),
    ).toThrow();
    const other = '00000000-0000-4000-8000-000000000000';
    expect(() => box.open(SEALED_BY_THE_OLD_BOX, binding(other, 'secret'))).toThrow();
  });
});

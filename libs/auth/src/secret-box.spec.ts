import { createCipheriv, randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);

  it('opens what it sealed, and the envelope does not show the plaintext', () => {
    const sealed = box.seal('refresh-token-value', 'session:1:refresh');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('refresh-token-value');
    expect(box.open(sealed, 'session:1:refresh')).toBe('refresh-token-value');
  });

  it('refuses a value moved to another row or field, a changed ciphertext and another key', () => {
    const sealed = box.seal('secret', 'session:1:access');
    expect(() => box.open(sealed, 'session:2:access')).toThrow();
    const [v, iv, tag, ct] = sealed.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() =>
      box.open([v, iv, tag, flipped.toString('base64url')].join('.'), 'session:1:access'),
    ).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'session:1:access')).toThrow();
  });

  it('reads envelopes written without additional data (oauth signing keys)', () => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update('pem', 'utf8'), cipher.final()]);
    const legacy = ['v1', iv, cipher.getAuthTag(), data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
    expect(box.open(legacy)).toBe('pem');
  });

  it('needs a 32-byte key', () => {
    expect(() => SecretBox.fromBase64(randomBytes(16).toString('base64'))).toThrow('32-byte');
  });
});

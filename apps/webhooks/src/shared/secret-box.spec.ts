import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox (AES-256-GCM at rest)', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.seal('whsec_abc', 'row-1/secret');
    expect(sealed).not.toContain('whsec_abc');
    expect(box.open(sealed, 'row-1/secret')).toBe('whsec_abc');
  });

  it('refuses a ciphertext moved to another row or field, or tampered with', () => {
    const sealed = box.seal('token', 'row-1/client_headers');
    expect(() => box.open(sealed, 'row-2/client_headers')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other').toString('base64url');
    expect(() => box.open(parts.join('.'), 'row-1/client_headers')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'row-1/client_headers')).toThrow();
  });
});

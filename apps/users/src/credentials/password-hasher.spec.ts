import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id and a fresh salt each time', async () => {
    const a = await hasher.hash('correct horse');
    const b = await hasher.hash('correct horse');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password only', async () => {
    const stored = await hasher.hash('correct horse');
    expect(await hasher.verify(stored, 'correct horse')).toBe(true);
    expect(await hasher.verify(stored, 'correct horsE')).toBe(false);
  });

  it('answers false, after a real verify, when there is no stored hash or it is corrupt', async () => {
    expect(await hasher.verify(null, 'dummy password for unknown logins')).toBe(false);
    expect(await hasher.verify('not a phc string', 'x')).toBe(false);
  });
});

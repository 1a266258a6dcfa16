import { BadRequestException } from '@nestjs/common';
import { ALLOWED_GRANTS, CLIENT_KINDS, DEFAULT_GRANTS } from './client-kinds';
import { applyUpdate, checkGrants } from './client-rules';
import { ClientEntity } from './client.entity';

describe('client grants (003_*: one client for the whole Engage flow)', () => {
  it('lets a confidential password client hold both password and custom_sso', () => {
    expect(checkGrants('password', ['password', 'custom_sso'], true)).toEqual([
      'password',
      'custom_sso',
    ]);
  });

  it('refuses custom_sso without a secret, and password to any kind but password', () => {
    expect(() => checkGrants('password', ['password', 'custom_sso'], false)).toThrow(
      /custom_sso needs a client secret/,
    );
    expect(() => checkGrants('server', ['password', 'custom_sso'], true)).toThrow(
      BadRequestException,
    );
  });

  it('gives no kind both grants by default, and only the password kind may ever have both', () => {
    for (const kind of CLIENT_KINDS) {
      const defaults = DEFAULT_GRANTS[kind];
      expect({
        kind,
        both: defaults.includes('password') && defaults.includes('custom_sso'),
      }).toEqual({ kind, both: false });
      const allowed = ALLOWED_GRANTS[kind];
      const both = allowed.includes('password') && allowed.includes('custom_sso');
      expect({ kind, both }).toEqual({ kind, both: kind === 'password' });
    }
  });
});

describe('a PATCH of the license binding (000_*)', () => {
  const client = (): ClientEntity =>
    Object.assign(new ClientEntity(), {
      kind: 'service',
      secretHash: 'x',
      scopes: ['users.suite'],
      grantTypes: ['client_credentials'],
      redirectUris: [],
      licenseId: 'L1',
    });

  it('reports a changed or removed license as `license`, and an absent one as no change', () => {
    const c = client();
    expect(applyUpdate(c, {}).changes).toEqual([]);
    expect(applyUpdate(c, { license: 'L2' }).changes).toEqual(['license']);
    expect(c.licenseId).toBe('L2');
    expect(applyUpdate(c, { license: null }).changes).toEqual(['license']);
    expect(c.licenseId).toBeNull();
  });
});

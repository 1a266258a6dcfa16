import { ClientEntity } from '../clients/client.entity';
import { InvalidScope } from '../errors/oauth-errors';
import { scopesStillGranted } from './scope-policy';

const client = (scopes: string[]): ClientEntity =>
  Object.assign(new ClientEntity(), { id: 'c', scopes });

describe('scopesStillGranted (refresh, late code redemption)', () => {
  it('narrows the original grant to what the client holds now', () => {
    expect(scopesStillGranted(['a', 'b'], undefined, client(['a']))).toEqual(['a']);
    expect(scopesStillGranted(['a', 'b'], ['a'], client(['a', 'b', 'c']))).toEqual(['a']);
  });

  it('refuses scopes beyond the grant, scopes the client lost, and a grant left with nothing', () => {
    expect(() => scopesStillGranted(['a'], ['c'], client(['a', 'c']))).toThrow(InvalidScope);
    expect(() => scopesStillGranted(['a', 'b'], ['b'], client(['a']))).toThrow(InvalidScope);
    expect(() => scopesStillGranted(['a'], undefined, client([]))).toThrow(InvalidScope);
  });

  it('keeps platform.admin only for a user who is a platform administrator now', () => {
    const admin = client(['a', 'platform.admin']);
    expect(
      scopesStillGranted(['a', 'platform.admin'], undefined, admin, { platformAdmin: false }),
    ).toEqual(['a']);
    expect(
      scopesStillGranted(['a', 'platform.admin'], undefined, admin, { platformAdmin: true }),
    ).toEqual(['a', 'platform.admin']);
  });
});

import type { DirectoryUser } from '../users-client/users-directory';
import { userInfoClaims } from './userinfo-claims';

const user: DirectoryUser = {
  id: 'ana',
  name: 'Ana Souza',
  email: 'ana@example.test',
  status: 'active',
  platformAdmin: true,
  permissions: ['UserManagement'],
};

describe('userinfo claims by scope (OIDC Core §5.4)', () => {
  it('states sub always, profile and email claims only for their scopes, and nothing else about the user', () => {
    expect(userInfoClaims(user, ['openid'])).toEqual({ sub: 'ana' });
    expect(userInfoClaims(user, ['openid', 'profile', 'email', 'users.suite'])).toEqual({
      sub: 'ana',
      name: 'Ana Souza',
      preferred_username: 'ana',
      email: 'ana@example.test',
    });
  });

  it('leaves out an email the directory does not have, and never claims it verified', () => {
    const claims = userInfoClaims({ ...user, email: '' }, ['openid', 'email']);
    expect(claims).toEqual({ sub: 'ana' });
    expect(userInfoClaims(user, ['openid', 'email'])).not.toHaveProperty('email_verified');
  });
});

import { ClientEntity } from '../clients/client.entity';
import { InvalidScope } from '../errors/oauth-errors';
import { PLATFORM_ADMIN } from '../shared/scopes';

/**
 * The scopes a token gets: the requested ones (all of the client's when none are asked), each of
 * which the client must allow (RFC 6749 §3.3: otherwise `invalid_scope`). For a user token,
 * `platform.admin` stays only when the user is a platform administrator (users/oauth contract).
 */
export function grantedScopes(
  client: ClientEntity,
  requested: string[] | undefined,
  user?: { platformAdmin: boolean },
): string[] {
  const wanted = requested ?? client.scopes;
  const refused = wanted.filter((s) => !client.scopes.includes(s));
  if (refused.length > 0) throw new InvalidScope(`The client may not ask for: ${refused.join(' ')}`);
  return user && !user.platformAdmin ? wanted.filter((s) => s !== PLATFORM_ADMIN) : wanted;
}

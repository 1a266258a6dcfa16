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
  if (refused.length > 0)
    throw new InvalidScope(`The client may not ask for: ${refused.join(' ')}`);
  return user && !user.platformAdmin ? wanted.filter((s) => s !== PLATFORM_ADMIN) : wanted;
}

/**
 * The scopes a token minted later from an earlier grant gets (a refresh, RFC 6749 §6; a code
 * redeemed after its authorization): the requested ones (else the whole grant), never beyond the
 * original grant, and narrowed to what the client holds now and, for `platform.admin`, to what
 * the user is now — an admin's PATCH or a user's demotion shows in the next token, not in a month.
 */
export function scopesStillGranted(
  granted: string[],
  requested: string[] | undefined,
  client: ClientEntity,
  user?: { platformAdmin: boolean },
): string[] {
  const beyond = (requested ?? []).filter((s) => !granted.includes(s));
  if (beyond.length > 0) throw new InvalidScope(`Beyond the original grant: ${beyond.join(' ')}`);
  const lost = (requested ?? []).filter((s) => !client.scopes.includes(s));
  if (lost.length > 0) throw new InvalidScope(`The client no longer holds: ${lost.join(' ')}`);
  const held = (requested ?? granted).filter((s) => client.scopes.includes(s));
  const kept = user && !user.platformAdmin ? held.filter((s) => s !== PLATFORM_ADMIN) : held;
  if (kept.length === 0 && granted.length > 0) {
    throw new InvalidScope('The client no longer holds any scope of this grant.');
  }
  return kept;
}

import type { EntityManager } from 'typeorm';
import type { RefreshTokensRepository } from '../../tokens/refresh-tokens.repository';
import type { Revocations } from '../../tokens/revocations';

/** Ends every token the client holds: its refresh tokens, and its access tokens issued before `at`. */
export async function endClientTokens(
  tokens: { refreshTokens: RefreshTokensRepository; revocations: Revocations },
  clientId: string,
  at: Date,
  reason: string,
  m: EntityManager,
): Promise<void> {
  await tokens.refreshTokens.revokeAllOfClient(clientId, at, m);
  await tokens.revocations.revoke({ scope: 'client', clientId, issuedBefore: at, reason }, m);
}

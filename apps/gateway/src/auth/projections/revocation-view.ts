import type {
  ClientDeletedPayload,
  ClientSecretRotatedPayload,
  TokenRevokedPayload,
  UserDisabledPayload,
} from '@platform/contracts';
import type { VerifiedToken } from '../tokens/access-token-verifier';

/** Why a token is no longer good, for the caller's error and the audit trail. */
export type RevokedBecause =
  'token_revoked' | 'client_revoked' | 'client_deleted' | 'user_disabled';

/**
 * Every revocation the gateway has heard of, in memory, rebuilt from the event log at boot
 * (spec §3: effective at the gateway within one second). Applying an event twice, or events
 * out of order, gives the same view: sets and "latest cut-off" maxima only grow.
 */
export class RevocationView {
  /** `jti` → when the token would have expired anyway (after which the entry can go). */
  private readonly tokens = new Map<string, number>();
  /** Every token of the client / user issued before this instant (ms) is revoked. */
  private readonly clientCutoffs = new Map<string, number>();
  private readonly userCutoffs = new Map<string, number>();
  private readonly userDisabled = new Set<string>();
  private readonly deletedClients = new Set<string>();

  tokenRevoked(p: TokenRevokedPayload, eventTimeMs: number): void {
    switch (p.scope) {
      case 'token':
        if (p.jti)
          this.tokens.set(p.jti, p.expiresAt ? Date.parse(p.expiresAt) : Number.POSITIVE_INFINITY);
        return;
      case 'client':
        if (p.clientId) raise(this.clientCutoffs, p.clientId, cutoff(p.issuedBefore, eventTimeMs));
        return;
      case 'user':
        if (p.userId) raise(this.userCutoffs, p.userId, cutoff(p.issuedBefore, eventTimeMs));
        return;
    }
  }

  secretRotated(p: ClientSecretRotatedPayload, eventTimeMs: number): void {
    raise(this.clientCutoffs, p.clientId, cutoff(p.rotatedAt, eventTimeMs));
  }

  /** A deleted client's id is never reused: every token it ever had is dead. */
  clientDeleted(p: ClientDeletedPayload): void {
    this.deletedClients.add(p.clientId);
  }

  userDisabledAt(p: UserDisabledPayload, eventTimeMs: number): void {
    raise(this.userCutoffs, p.id, cutoff(p.disabledAt, eventTimeMs));
    this.userDisabled.add(p.id);
  }

  /** `undefined` when the token is still good. */
  check(t: VerifiedToken): RevokedBecause | undefined {
    if (this.tokens.has(t.jti)) return 'token_revoked';
    if (this.deletedClients.has(t.clientId)) return 'client_deleted';
    if (t.issuedAtMs < (this.clientCutoffs.get(t.clientId) ?? Number.NEGATIVE_INFINITY))
      return 'client_revoked';
    if (t.userId && t.issuedAtMs < (this.userCutoffs.get(t.userId) ?? Number.NEGATIVE_INFINITY)) {
      return this.userDisabled.has(t.userId) ? 'user_disabled' : 'token_revoked';
    }
    return undefined;
  }

  /** Drops revoked `jti`s whose tokens have expired by now; they would fail on `exp` anyway. */
  prune(nowMs: number): void {
    for (const [jti, expiresAt] of this.tokens) if (expiresAt < nowMs) this.tokens.delete(jti);
  }

  get size(): number {
    return (
      this.tokens.size + this.clientCutoffs.size + this.userCutoffs.size + this.deletedClients.size
    );
  }
}

/** Without an instant of its own, a revocation covers everything issued before the event. */
function cutoff(iso: string | undefined, eventTimeMs: number): number {
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? eventTimeMs : t;
}

function raise(map: Map<string, number>, key: string, value: number): void {
  map.set(key, Math.max(map.get(key) ?? Number.NEGATIVE_INFINITY, value));
}

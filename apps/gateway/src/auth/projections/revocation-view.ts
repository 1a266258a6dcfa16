import type {
  ClientDeletedPayload,
  ClientSecretRotatedPayload,
  RevocationRecord,
  TokenRevokedPayload,
  UserDisabledPayload,
} from '@platform/contracts';
import type { VerifiedToken } from '../tokens/access-token-verifier';

/** Why a token is no longer good, for the caller's error and the audit trail. */
export type RevokedBecause =
  'token_revoked' | 'client_revoked' | 'client_deleted' | 'user_disabled';

interface UserStatus {
  disabled: boolean;
  /** When that status was set: the latest change wins, whatever order the news arrives in. */
  atMs: number;
}

/**
 * Every revocation the gateway has heard of, in memory, rebuilt at boot from the owners'
 * snapshots and kept current by events (spec §3: durable, effective within one second). Applying
 * the same news twice, or out of order, gives the same view: sets and "latest cut-off" maxima
 * only grow, and a user's status is the one with the latest time.
 */
export class RevocationView {
  /** `jti` → when the token would have expired anyway (after which the entry can go). */
  private readonly tokens = new Map<string, number>();
  /** Every token of the client / user issued before this instant (ms) is revoked. */
  private readonly clientCutoffs = new Map<string, number>();
  private readonly userCutoffs = new Map<string, number>();
  /** A disabled user's every token is refused, whenever issued, until the user is active again. */
  private readonly userStatus = new Map<string, UserStatus>();
  private readonly deletedClients = new Set<string>();

  tokenRevoked(p: TokenRevokedPayload, eventTimeMs: number): void {
    switch (p.scope) {
      case 'token':
        if (p.jti) this.revokeToken(p.jti, p.expiresAt);
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
    const at = cutoff(p.disabledAt, eventTimeMs);
    raise(this.userCutoffs, p.id, at);
    this.setUserStatus(p.id, true, at);
  }

  /** `user.updated` carries the user's status: `active` again ends the refusal of new tokens. */
  userStatusChanged(userId: string, status: 'active' | 'disabled', atMs: number): void {
    this.setUserStatus(userId, status === 'disabled', atMs);
  }

  /** One row of oauth's snapshot (ADR 0013). */
  applyRecord(r: RevocationRecord): void {
    switch (r.kind) {
      case 'token':
        this.revokeToken(r.subject, r.expiresAt ?? undefined);
        return;
      case 'client':
        if (r.issuedBefore) raise(this.clientCutoffs, r.subject, Date.parse(r.issuedBefore));
        if (r.clientDeleted) this.deletedClients.add(r.subject);
        return;
      case 'user':
        if (r.issuedBefore) raise(this.userCutoffs, r.subject, Date.parse(r.issuedBefore));
        return;
    }
  }

  /** `undefined` when the token is still good. */
  check(t: VerifiedToken): RevokedBecause | undefined {
    if (this.tokens.has(t.jti)) return 'token_revoked';
    if (this.deletedClients.has(t.clientId)) return 'client_deleted';
    if (t.issuedAtMs < (this.clientCutoffs.get(t.clientId) ?? Number.NEGATIVE_INFINITY))
      return 'client_revoked';
    if (!t.userId) return undefined;
    if (this.userStatus.get(t.userId)?.disabled) return 'user_disabled';
    if (t.issuedAtMs < (this.userCutoffs.get(t.userId) ?? Number.NEGATIVE_INFINITY))
      return 'token_revoked';
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

  private revokeToken(jti: string, expiresAt: string | undefined): void {
    const at = expiresAt ? Date.parse(expiresAt) : Number.NaN;
    this.tokens.set(jti, Number.isNaN(at) ? Number.POSITIVE_INFINITY : at);
  }

  /** Last writer wins; on a tie, disabled (fail closed). */
  private setUserStatus(userId: string, disabled: boolean, atMs: number): void {
    const known = this.userStatus.get(userId);
    if (known && (atMs < known.atMs || (atMs === known.atMs && known.disabled))) return;
    this.userStatus.set(userId, { disabled, atMs });
  }
}

/** Without an instant of its own, a revocation covers everything issued before the event. */
function cutoff(iso: string | undefined, eventTimeMs: number): number {
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? eventTimeMs : t;
}

function raise(map: Map<string, number>, key: string, value: number): void {
  if (Number.isNaN(value)) return;
  map.set(key, Math.max(map.get(key) ?? Number.NEGATIVE_INFINITY, value));
}

import type { CallerContext } from '@platform/auth';
import type { AccessPayload, AccessRecord, AccessRevokedPayload } from '@platform/contracts';

interface KnownAccess {
  user: string;
  context: CallerContext;
}

/**
 * The accesses `authorizations` granted (`User-Access` ids), in memory: rebuilt at boot from
 * authorizations' snapshot, kept current by `access.granted` / `access.revoked`. A revoked id
 * stays a tombstone, so a grant that arrives after its revocation (replay, redelivery, a
 * snapshot read before the revocation) cannot bring it back.
 */
export class AccessView {
  private readonly active = new Map<string, KnownAccess>();
  private readonly revoked = new Set<string>();

  granted(p: AccessPayload): void {
    if (this.revoked.has(p.id)) return;
    this.active.set(p.id, {
      user: p.user,
      context: {
        entity: p.context.entity,
        database: p.context.database,
        accessId: p.id,
        role: p.role,
      },
    });
  }

  revokedAccess(p: Pick<AccessRevokedPayload, 'id'>): void {
    this.revoked.add(p.id);
    this.active.delete(p.id);
  }

  /** One row of authorizations' snapshot (ADR 0013). */
  applyRecord(r: AccessRecord): void {
    if (r.active) this.granted({ ...r, admin: r.role === 'admin' });
    else this.revokedAccess(r);
  }

  /** The context of an active access of this user; `undefined` for unknown, revoked or another's. */
  contextFor(accessId: string, userId: string | undefined): CallerContext | undefined {
    const access = this.active.get(accessId);
    if (!access || !userId || access.user !== userId) return undefined;
    return { ...access.context };
  }

  get size(): number {
    return this.active.size;
  }
}

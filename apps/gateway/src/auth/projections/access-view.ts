import type { CallerContext } from '@platform/auth';
import type { AccessPayload, AccessRevokedPayload } from '@platform/contracts';

interface KnownAccess {
  user: string;
  context: CallerContext;
}

/**
 * The accesses `authorizations` granted (`User-Access` ids), in memory, rebuilt from
 * `access.granted` / `access.revoked` at boot. A revoked id stays a tombstone, so a grant
 * delivered again after its revocation (replay, redelivery) cannot bring it back.
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

  revokedAccess(p: AccessRevokedPayload): void {
    this.revoked.add(p.id);
    this.active.delete(p.id);
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

import { ForbiddenException } from '@nestjs/common';
import { isPlatformAdmin, type Principal } from '@platform/auth';
import { isUuid } from '@platform/http';

/**
 * Which entity a caller may read: `undefined` for `platform.admin` (every entity, spec §2),
 * otherwise the entity of the context its `User-Access` selected. A caller without a context
 * reads nothing (spec §4: "a caller never sees data of a context it has no access to").
 */
export function readableEntity(p: Principal): string | undefined {
  if (isPlatformAdmin(p)) return undefined;
  if (!p.context) throw new ForbiddenException('This resource needs a context: send User-Access.');
  return knownShape(p.context.entity);
}

/** Entity ids here are UUIDs; any other id cannot be one of ours (and must not reach SQL as one). */
function knownShape(entity: string): string {
  if (!isUuid(entity))
    throw new ForbiddenException('Your context is not an entity of this platform.');
  return entity;
}

/** The caller's own context; routes about "the current entity" need one even for admins. */
export function currentContext(p: Principal): { entity: string; database: string } {
  if (!p.context) throw new ForbiddenException('No current context: send User-Access.');
  return { entity: knownShape(p.context.entity), database: p.context.database };
}

/** Refuses a read of another context's licensing data, unless the caller is platform.admin. */
export function assertSameContext(p: Principal, entity: string, database?: string): void {
  if (isPlatformAdmin(p)) return;
  const ctx = p.context;
  if (!ctx || ctx.entity !== entity || (database !== undefined && ctx.database !== database)) {
    throw new ForbiddenException('That context is not the one your User-Access selected.');
  }
}

/**
 * `002_*` checks a license with a bearer token only (`licensing`, `licensing/validate`): a
 * service client's token (no user) answers for the context its query names — read-only, and the
 * gateway already required `licenses.suite`. A user still reads only the context its
 * `User-Access` selected (spec §4).
 */
export function assertMayCheckLicense(p: Principal, entity: string, database: string): void {
  if (p.userId === undefined) return;
  assertSameContext(p, entity, database);
}

import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { actorId, isPlatformAdmin, type Principal } from '@platform/auth';

export interface ReaderContext {
  entity: string;
  database: string;
  admin: boolean;
}

/** Who reads messages: a user (or client) and, with `User-Access`, the context it acts in. */
export interface Reader {
  id: string;
  context?: ReaderContext;
  /** Holds `platform.admin`: reads the messages to the platform's administrators too. */
  platformAdmin?: boolean;
}

export function readerOf(p: Principal): Reader {
  const id = actorId(p);
  const platformAdmin = isPlatformAdmin(p);
  if (!p.context) return { id, platformAdmin };
  const { entity, database, role } = p.context;
  return { id, context: { entity, database, admin: role === 'admin' }, platformAdmin };
}

export interface TargetContext {
  entity: string;
  database: string;
}

/**
 * The context a new message goes to: the body's, else the caller's. Only `platform.admin` may
 * address a context other than the one its User-Access selected (spec §4).
 */
export function targetContext(
  p: Principal,
  requested: TargetContext | null | undefined,
  required: boolean,
): TargetContext | null {
  const own = p.context ? { entity: p.context.entity, database: p.context.database } : null;
  const target = requested ?? (required ? own : null);
  if (!target) {
    if (required)
      throw new BadRequestException(
        'A CONTEXT message needs a context: send User-Access or `context`.',
      );
    return null;
  }
  const same = own?.entity === target.entity && own.database === target.database;
  if (!same && !isPlatformAdmin(p))
    throw new ForbiddenException('You may address only your own context.');
  return target;
}

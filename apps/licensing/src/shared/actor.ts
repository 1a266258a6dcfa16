import type { Principal } from '@platform/auth';
import type { ActorFields } from '@platform/contracts';

/** Who made an admin change, for its event and so for the audit trail (spec §7). */
export const actorOf = (p: Principal): ActorFields => ({
  actorClient: p.clientId,
  ...(p.userId ? { actorUser: p.userId } : {}),
});

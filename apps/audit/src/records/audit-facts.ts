import type { EventEnvelope } from '@platform/contracts';

/** Who did what to which target, from where, with what outcome — read out of one event. */
export interface AuditFacts {
  action: string;
  outcome: string;
  actorClient: string | null;
  actorUser: string | null;
  target: string | null;
  ip: string | null;
  entity: string | null;
  requestId: string | null;
}

type Data = Record<string, unknown>;

/** Postgres text cannot hold NUL; a hostile value must not make the record impossible to write. */
export const text = (v: unknown): string | null =>
  typeof v === 'string' && v.length > 0 ? v.replaceAll('\u0000', '\uFFFD') : null;
const contextEntity = (d: Data): string | null => text((d.context as Data | undefined)?.entity);
/** Who made an admin change and from where (AdminActorFields in libs/contracts oauth.events). */
const adminActor = (d: Data): Partial<AuditFacts> => ({
  actorClient: text(d.actorClient),
  actorUser: text(d.actorUser),
  ip: text(d.ip),
  requestId: text(d.requestId),
});

/** Per event family: the facts its payload carries (payloads in libs/contracts/src/events). */
const readers: { prefix: string; read: (d: Data) => Partial<AuditFacts> }[] = [
  {
    prefix: 'security.decision',
    read: (d) => ({
      action: text(d.action) ?? 'security.decision',
      outcome: text(d.outcome) ?? 'unknown',
      actorClient: text(d.actorClient),
      actorUser: text(d.actorUser),
      target: text(d.target),
      ip: text(d.ip),
      requestId: text(d.requestId),
    }),
  },
  {
    prefix: 'token.',
    read: (d) => ({
      // An administrator who issued a client access token is its actor; else the token's own.
      actorClient: text(d.actorClient) ?? text(d.clientId),
      actorUser: text(d.actorUser) ?? text(d.userId),
      target: text(d.jti) ?? text(d.userId) ?? text(d.clientId),
      ip: text(d.ip),
      requestId: text(d.requestId),
    }),
  },
  { prefix: 'client.', read: (d) => ({ ...adminActor(d), target: text(d.clientId) }) },
  { prefix: 'customer.', read: (d) => ({ ...adminActor(d), target: text(d.customerId) }) },
  { prefix: 'signing_key.', read: (d) => ({ ...adminActor(d), target: text(d.kid) }) },
  { prefix: 'user.', read: (d) => ({ target: text(d.id), actorUser: text(d.by) }) },
  {
    prefix: 'access.',
    read: (d) => ({
      target: text(d.id),
      actorUser: text(d.grantedBy) ?? text(d.revokedBy),
      entity: contextEntity(d),
    }),
  },
  {
    prefix: 'access_request.',
    read: (d) => ({
      target: text(d.id),
      actorUser: d.status === 'pending' ? text(d.user) : text(d.decidedBy),
      entity: contextEntity(d),
    }),
  },
  { prefix: 'license.', read: (d) => ({ target: text(d.id), entity: text(d.entity) }) },
  { prefix: 'entity.', read: (d) => ({ target: text(d.id), entity: text(d.id) }) },
  { prefix: 'database.', read: (d) => ({ target: text(d.id), entity: text(d.entity) }) },
  { prefix: 'reseller.', read: (d) => ({ target: text(d.id) }) },
  { prefix: 'system.', read: (d) => ({ target: text(d.id) }) },
  {
    // A context's integration (ADR 15 stage 2); a check's outcome is whether it passed.
    prefix: 'integration.',
    read: (d) => ({
      ...adminActor(d),
      target: text(d.id) ?? text(d.run) ?? text(d.check),
      entity: contextEntity(d),
      ...(typeof d.passed === 'boolean' ? { outcome: d.passed ? 'passed' : 'failed' } : {}),
    }),
  },
  {
    prefix: 'webhook.',
    read: (d) => ({
      target: text(d.id),
      // An admin change names its actor; `webhook.disabled` (the engine acted) names the owner.
      actorUser: text(d.actorUser) ?? text(d.ownerUser),
      entity: text(d.entity),
    }),
  },
];

/**
 * Reads the audit facts of an event. Events other than `security.decision` record a change that
 * happened, so their outcome is `succeeded`; the envelope's entity wins over the payload's. Admin
 * changes name their actor as `actorClient` / `actorUser` and may carry the `requestId`.
 */
export function auditFactsOf(event: EventEnvelope<unknown>): AuditFacts {
  const data = (event.data ?? {}) as Data;
  const reader = readers.find((r) => event.type.startsWith(r.prefix));
  const facts = reader?.read(data) ?? {};
  return {
    action: facts.action ?? event.type,
    outcome: facts.outcome ?? 'succeeded',
    actorClient: facts.actorClient ?? text(data.actorClient),
    actorUser: facts.actorUser ?? text(data.actorUser),
    target: facts.target ?? text(event.subject),
    ip: facts.ip ?? null,
    entity: text(event.entity) ?? facts.entity ?? null,
    requestId: facts.requestId ?? text(data.requestId),
  };
}

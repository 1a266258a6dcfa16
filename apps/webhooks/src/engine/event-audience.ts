import { eventContextOf, NotificationCreated, type EventEnvelope } from '@platform/contracts';

/** The one context whose subscriptions may receive an event, or none (platform-wide ones only). */
export interface ContextAudience {
  entity: string;
  database: string;
}

/**
 * Which context subscriptions an event may reach (spec §6, docs/webhooks.md "Who receives what"):
 * - an event of a context (its payload names entity *and* database) reaches the subscriptions
 *   of exactly that context;
 * - an entity-level event (entity without database, e.g. `entity.created`) and a platform-level
 *   one (no entity: users, clients, tokens) reach no context subscription: a context is entity
 *   plus database, and one database's subscriptions must not see what the others' cannot;
 * - a message addressed to a user (`notification.created`, destination `USER`) reaches no context
 *   subscription, even when it names a context: it is that user's, not the context's;
 * - an event whose envelope entity (`ce_entity`) and payload entity disagree is not trusted with
 *   a context either.
 * Platform-wide subscriptions (`platform.admin` outside any context) receive every event.
 */
export function contextAudience(event: EventEnvelope<unknown>): ContextAudience | null {
  if (isAddressedToUser(event)) return null;
  const { entity, database } = eventContextOf(event.data);
  if (entity === undefined || database === undefined) return null;
  if (event.entity !== undefined && event.entity !== entity) return null;
  return { entity, database };
}

function isAddressedToUser(event: EventEnvelope<unknown>): boolean {
  if (event.type !== NotificationCreated.type) return false;
  const data = event.data as { destination?: unknown } | null;
  return data?.destination !== 'CONTEXT';
}

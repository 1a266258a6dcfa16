import type { ClientEntity } from './client.entity';

/** The context that owns a client (ADR 15 stage 2): an entity and one of its databases. */
export interface ClientOwner {
  entity: string;
  database: string;
}

export function ownerOf(
  c: Pick<ClientEntity, 'ownerEntity' | 'ownerDatabase'>,
): ClientOwner | null {
  return c.ownerEntity && c.ownerDatabase
    ? { entity: c.ownerEntity, database: c.ownerDatabase }
    : null;
}

/**
 * What a client's events say about its owner: `entity` and `database` for a context's client (so
 * audit and that context's webhook subscriptions see the change), nothing for the platform's.
 */
export function ownerFields(
  c: Pick<ClientEntity, 'ownerEntity' | 'ownerDatabase'>,
): Partial<ClientOwner> {
  return ownerOf(c) ?? {};
}

/** The CloudEvents `entity` of a client's event: its owner's, when it has one. */
export function ownerEnvelope(c: Pick<ClientEntity, 'ownerEntity' | 'ownerDatabase'>): {
  entity?: string;
} {
  const owner = ownerOf(c);
  return owner ? { entity: owner.entity } : {};
}

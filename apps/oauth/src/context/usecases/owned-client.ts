import { NotFoundException } from '@nestjs/common';
import type { ClientOwner } from '../../clients/client-owner';
import type { ClientEntity } from '../../clients/client.entity';
import type { ClientsRepository } from '../../clients/clients.repository';

/**
 * A client of the caller's context, or a 404: another context's client answers as if it did not
 * exist.
 */
export async function ownedClient(
  clients: ClientsRepository,
  owner: ClientOwner,
  id: string,
): Promise<ClientEntity> {
  const client = await clients.findOfOwner(id, owner);
  if (!client) throw new NotFoundException(`client ${id} not found in your context`);
  return client;
}

import { NotFoundException } from '@nestjs/common';
import type { ClientEntity } from '../client.entity';
import type { ClientsRepository } from '../clients.repository';

/** The client of an admin route, or the 404 the admin API documents. */
export async function existingClient(
  clients: ClientsRepository,
  id: string,
): Promise<ClientEntity> {
  const client = await clients.findById(id);
  if (!client) throw new NotFoundException(`client ${id} not found`);
  return client;
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClientEntity } from './client.entity';
import { ClientsRepository } from './clients.repository';
import type { CreateClientDto } from './dto/create-client.dto';
import { CreateClientUseCase } from './usecases/create-client.usecase';

/** A client the platform registers itself at boot, from its environment. */
export interface ProvisionedClient {
  /** The advisory lock's name: instances booting together provision it one at a time. */
  lock: string;
  id: string;
  secret: string;
  /** How the logs name it ("docs client", "portal client"). */
  label: string;
  dto: CreateClientDto;
  /** What to change in the existing client to match the environment; undefined when it does. */
  drift(existing: ClientEntity): Partial<ClientEntity> | undefined;
}

/**
 * Registers a provisioned client when it is missing and applies the environment to it when it is
 * there (the environment is the source of truth), under a named lock.
 */
@Injectable()
export class ClientProvisioning {
  private readonly logger = new Logger('ClientProvisioning');

  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(CreateClientUseCase) private readonly createClient: CreateClientUseCase,
  ) {}

  /** Runs `work` in a transaction that holds the named lock. */
  alone<T>(lock: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.clients.transaction(async (m) => {
      await this.clients.lockNamedForUpdate(lock, m);
      return work(m);
    });
  }

  ensure(p: ProvisionedClient): Promise<void> {
    return this.alone(p.lock, async (m) => {
      const existing = await this.clients.findById(p.id, m);
      if (!existing) {
        await this.createClient.execute(p.dto, { fixed: { id: p.id, secret: p.secret } }, m);
        this.logger.log(`${p.label} ${p.id} registered`);
        return;
      }
      const changes = p.drift(existing);
      if (!changes) return;
      await this.clients.update(p.id, changes, m);
      this.logger.log(`${p.label} ${p.id} updated from the environment`);
    });
  }
}

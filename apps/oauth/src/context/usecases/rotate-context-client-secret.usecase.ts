import { Inject, Injectable } from '@nestjs/common';
import type { ClientEntity } from '../../clients/client.entity';
import { ClientsRepository } from '../../clients/clients.repository';
import { RotateClientSecretUseCase } from '../../clients/usecases/rotate-client-secret.usecase';
import type { ContextAdmin } from '../context-admin';
import { ownedClient } from './owned-client';

/** `000_*`: regenerates the secret of a client of the caller's context; its tokens are revoked. */
@Injectable()
export class RotateContextClientSecretUseCase {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(RotateClientSecretUseCase) private readonly rotateSecret: RotateClientSecretUseCase,
  ) {}

  async execute(
    caller: ContextAdmin,
    id: string,
  ): Promise<{ client: ClientEntity; secret: string }> {
    await ownedClient(this.clients, caller.owner, id);
    return this.rotateSecret.execute(id, caller.actor);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { ClientDeleted } from '@platform/contracts';
import { Clock } from '@platform/http';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { AdminActor } from '../../shared/admin-actor';
import { RefreshTokensRepository } from '../../tokens/refresh-tokens.repository';
import { Revocations } from '../../tokens/revocations';
import { ownerEnvelope, ownerFields } from '../client-owner';
import { ClientsRepository } from '../clients.repository';
import { endClientTokens } from './end-client-tokens';
import { existingClient } from './existing-client';

/** Deletes a client, recorded as `client.deleted`; every token it holds is revoked. */
@Injectable()
export class DeleteClientUseCase {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(RefreshTokensRepository) private readonly refreshTokens: RefreshTokensRepository,
    @Inject(Revocations) private readonly revocations: Revocations,
    private readonly outbox: OutboxPublisher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(id: string, actor: AdminActor = {}): Promise<void> {
    const client = await existingClient(this.clients, id);
    const at = this.clock.now();
    await this.clients.transaction(async (m) => {
      await this.clients.delete(id, m);
      const { refreshTokens, revocations } = this;
      await endClientTokens({ refreshTokens, revocations }, id, at, 'client deleted', m);
      await this.outbox.add(
        m,
        draft(
          ClientDeleted,
          id,
          { clientId: id, deletedAt: at.toISOString(), ...ownerFields(client), ...actor },
          ownerEnvelope(client),
        ),
      );
    });
  }
}

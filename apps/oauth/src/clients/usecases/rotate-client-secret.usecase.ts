import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { ClientSecretRotated } from '@platform/contracts';
import { Clock } from '@platform/http';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { AdminActor } from '../../shared/admin-actor';
import { digest, randomToken } from '../../shared/crypto';
import { RefreshTokensRepository } from '../../tokens/refresh-tokens.repository';
import { Revocations } from '../../tokens/revocations';
import { ownerEnvelope, ownerFields } from '../client-owner';
import type { ClientEntity } from '../client.entity';
import { ClientsRepository } from '../clients.repository';
import { endClientTokens } from './end-client-tokens';
import { existingClient } from './existing-client';

/** `000_*`: regenerable at any time; every token the client holds is revoked. */
@Injectable()
export class RotateClientSecretUseCase {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(RefreshTokensRepository) private readonly refreshTokens: RefreshTokensRepository,
    @Inject(Revocations) private readonly revocations: Revocations,
    private readonly outbox: OutboxPublisher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(
    id: string,
    actor: AdminActor = {},
  ): Promise<{ client: ClientEntity; secret: string }> {
    const client = await existingClient(this.clients, id);
    if (client.isPublic) throw new BadRequestException('public clients have no secret');
    const secret = randomToken();
    const at = this.clock.now();
    await this.clients.transaction(async (m) => {
      await this.clients.update(id, { secretHash: digest(secret) }, m);
      const { refreshTokens, revocations } = this;
      await endClientTokens({ refreshTokens, revocations }, id, at, 'client secret rotated', m);
      await this.outbox.add(
        m,
        draft(
          ClientSecretRotated,
          id,
          { clientId: id, rotatedAt: at.toISOString(), ...ownerFields(client), ...actor },
          ownerEnvelope(client),
        ),
      );
    });
    return { client, secret };
  }
}

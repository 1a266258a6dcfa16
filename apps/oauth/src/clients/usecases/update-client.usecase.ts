import { Inject, Injectable } from '@nestjs/common';
import { ClientUpdated, ClientUpdatedPayload } from '@platform/contracts';
import { Clock } from '@platform/http';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { AdminActor } from '../../shared/admin-actor';
import { Revocations } from '../../tokens/revocations';
import { ClientLicensePolicy } from '../client-license';
import { ownerEnvelope, ownerFields } from '../client-owner';
import { applyUpdate } from '../client-rules';
import type { ClientEntity } from '../client.entity';
import { ClientsRepository } from '../clients.repository';
import { UpdateClientDto } from '../dto/update-client.dto';
import { existingClient } from './existing-client';

/**
 * PATCH, recorded as `client.updated`. Taking scopes away also ends every token the client holds
 * (as a secret rotation does): a token must not keep a scope its client no longer has. Refresh
 * tokens stay and mint only the remaining scopes (RefreshTokenGrant).
 */
@Injectable()
export class UpdateClientUseCase {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(Revocations) private readonly revocations: Revocations,
    @Inject(ClientLicensePolicy) private readonly licenses: ClientLicensePolicy,
    private readonly outbox: OutboxPublisher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(id: string, dto: UpdateClientDto, actor: AdminActor = {}): Promise<ClientEntity> {
    const client = await existingClient(this.clients, id);
    const { changes, removedScopes } = applyUpdate(client, dto);
    if (changes.includes('license') && client.licenseId) {
      client.licenseId = await this.licenses.check(client.licenseId, actor.requestId);
    }
    const at = this.clock.now();
    if (changes.includes('license')) client.licenseBoundAt = at;
    await this.clients.transaction(async (m) => {
      await this.clients.save(client, m);
      if (removedScopes.length > 0) {
        const reason = 'client scopes narrowed';
        await this.revocations.revoke(
          { scope: 'client', clientId: id, issuedBefore: at, reason },
          m,
        );
      }
      await this.outbox.add(
        m,
        draft(
          ClientUpdated,
          id,
          { ...updatedView(client), changes, removedScopes, ...ownerFields(client), ...actor },
          { time: at, ...ownerEnvelope(client) },
        ),
      );
    });
    return client;
  }
}

function updatedView(c: ClientEntity): Omit<ClientUpdatedPayload, 'changes' | 'removedScopes'> {
  return {
    clientId: c.id,
    name: c.name,
    kind: c.kind,
    scopes: c.scopes,
    grantTypes: c.grantTypes,
    redirectUris: c.redirectUris,
    refreshTokens: c.refreshTokens,
    accessTokenTtl: c.accessTokenTtl ?? undefined,
    ...(c.licenseId ? { license: c.licenseId } : {}),
  };
}

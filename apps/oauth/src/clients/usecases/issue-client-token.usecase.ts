import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { TokenIssued } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { AdminActor } from '../../shared/admin-actor';
import { digest } from '../../shared/crypto';
import { OPENID } from '../../shared/scopes';
import { AccessTokens } from '../../tokens/access-token';
import { ownerEnvelope, ownerFields } from '../client-owner';
import { ClientTokensRepository } from '../client-tokens.repository';
import { ClientsRepository } from '../clients.repository';
import { IssueClientTokenDto } from '../dto/update-client.dto';
import { EndpointCatalogue } from '../endpoint-catalogue';
import { existingClient } from './existing-client';

const DAY_S = 86_400;

/**
 * `000_*` client access tokens: long-lived bearer tokens limited to the client's scopes, and
 * optionally to named endpoints (`endpoints` claim, checked by the gateway), shown once, stored as
 * a digest, revocable one by one. They are JWTs like any other access token (so the gateway
 * verifies them the same way) with `token_use: client_token`.
 */
@Injectable()
export class IssueClientTokenUseCase {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(ClientTokensRepository) private readonly clientTokens: ClientTokensRepository,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    @Inject(EndpointCatalogue) private readonly catalogue: EndpointCatalogue,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute(
    clientId: string,
    dto: IssueClientTokenDto,
    actor: AdminActor = {},
  ): Promise<Record<string, unknown>> {
    const client = await existingClient(this.clients, clientId);
    const asked = dto.scopes ?? client.scopes;
    const beyond = asked.filter((s) => !client.scopes.includes(s));
    if (beyond.length > 0)
      throw new BadRequestException(`scopes: not allowed for this client: ${beyond.join(', ')}`);
    // No user signed in: `openid` belongs to OpenID sign-ins only (tokens/token-issuer.ts).
    const scopes = asked.filter((s) => s !== OPENID);
    // Within the token's scopes (so within the client's): checked against the composed API.
    const endpoints = dto.endpoints ? await this.catalogue.check(dto.endpoints, scopes) : undefined;
    const minted = await this.tokens.mint({
      clientId,
      scope: scopes,
      ttlSeconds: (dto.expiresInDays ?? 365) * DAY_S,
      kind: 'client_token',
      endpoints,
    });
    await this.clientTokens.transaction(async (m) => {
      await this.clientTokens.insert(
        {
          id: minted.jti,
          clientId,
          tokenHash: digest(minted.token),
          scope: scopes.join(' '),
          description: dto.description ?? null,
          endpoints: endpoints ?? null,
          expiresAt: minted.expiresAt,
          revokedAt: null,
        },
        m,
      );
      await this.outbox.add(
        m,
        draft(
          TokenIssued,
          minted.jti,
          {
            jti: minted.jti,
            clientId,
            grantType: 'client_token',
            scope: scopes.join(' '),
            ...(client.licenseId ? { license: client.licenseId } : {}),
            ...(endpoints ? { endpoints } : {}),
            ...ownerFields(client),
            ...actor,
          },
          ownerEnvelope(client),
        ),
      );
    });
    return {
      id: minted.jti,
      access_token: minted.token,
      token_type: 'bearer',
      scope: scopes.join(' '),
      ...(endpoints ? { endpoints } : {}),
      expires_at: minted.expiresAt.toISOString(),
    };
  }
}

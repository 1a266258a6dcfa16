import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { TokenIssued } from '@platform/contracts';
import { Clock } from '@platform/http';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { AdminActor } from '../shared/admin-actor';
import { digest } from '../shared/crypto';
import { OPENID } from '../shared/scopes';
import { AccessTokens } from '../tokens/access-token';
import { Revocations } from '../tokens/revocations';
import { ownerEnvelope, ownerFields } from './client-owner';
import { ClientTokensRepository } from './client-tokens.repository';
import { ClientsService } from './clients.service';
import { IssueClientTokenDto } from './dto/update-client.dto';
import { EndpointCatalogue } from './endpoint-catalogue';

const DAY_S = 86_400;

/**
 * `000_*` client access tokens: long-lived bearer tokens limited to the client's scopes, and
 * optionally to named endpoints (`endpoints` claim, checked by the gateway), shown once, stored as
 * a digest, revocable one by one. They are JWTs like any other access token (so the gateway
 * verifies them the same way) with `token_use: client_token`.
 */
@Injectable()
export class ClientTokensService {
  constructor(
    @Inject(ClientTokensRepository) private readonly clientTokens: ClientTokensRepository,
    @Inject(ClientsService) private readonly clients: ClientsService,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    @Inject(Revocations) private readonly revocations: Revocations,
    @Inject(EndpointCatalogue) private readonly catalogue: EndpointCatalogue,
    private readonly outbox: OutboxPublisher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async issue(
    clientId: string,
    dto: IssueClientTokenDto,
    actor: AdminActor = {},
  ): Promise<Record<string, unknown>> {
    const client = await this.clients.get(clientId);
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

  async list(clientId: string): Promise<Record<string, unknown>[]> {
    await this.clients.get(clientId);
    const rows = await this.clientTokens.listOfClient(clientId);
    return rows.map((r) => ({
      id: r.id,
      scope: r.scope,
      endpoints: r.endpoints,
      description: r.description,
      created_at: r.createdAt,
      expires_at: r.expiresAt,
      revoked_at: r.revokedAt,
    }));
  }

  async revoke(clientId: string, tokenId: string): Promise<void> {
    const row = await this.clientTokens.findOfClient(tokenId, clientId);
    if (!row) throw new NotFoundException(`token ${tokenId} not found`);
    await this.clientTokens.transaction(async (m) => {
      if (await this.clientTokens.revoke(tokenId, this.clock.now(), m)) {
        const { expiresAt } = row;
        const reason = 'client token revoked';
        await this.revocations.revoke({ scope: 'token', jti: tokenId, expiresAt, reason }, m);
      }
    });
  }
}

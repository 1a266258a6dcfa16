import { randomUUID } from 'node:crypto';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ClientCreated,
  ClientDeleted,
  ClientSecretRotated,
  ClientUpdated,
  ClientUpdatedPayload,
} from '@platform/contracts';
import { Clock } from '@platform/http';
import { draft, OutboxPublisher } from '@platform/messaging';
import { digest, randomToken } from '../shared/crypto';
import type { AdminActor } from '../shared/admin-actor';
import { Revocations } from '../tokens/revocations';
import { RefreshTokensRepository } from '../tokens/refresh-tokens.repository';
import { CONFIDENTIAL_KINDS, DEFAULT_GRANTS } from './client-kinds';
import { ClientLicensePolicy } from './client-license';
import { type ClientOwner, ownerEnvelope, ownerFields } from './client-owner';
import {
  applyUpdate,
  checkFlowsHaveRedirects,
  checkGrants,
  checkRedirectUris,
} from './client-rules';
import type { ClientEntity } from './client.entity';
import { ClientsRepository } from './clients.repository';
import { CreateClientDto } from './dto/create-client.dto';
import { UpdateClientDto } from './dto/update-client.dto';

export interface CreatedClient {
  client: ClientEntity;
  secret?: string;
}

/** Client registration and lifecycle; each change and its event commit together. */
@Injectable()
export class ClientsService {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(RefreshTokensRepository) private readonly refreshTokens: RefreshTokensRepository,
    @Inject(Revocations) private readonly revocations: Revocations,
    @Inject(ClientLicensePolicy) private readonly licenses: ClientLicensePolicy,
    private readonly outbox: OutboxPublisher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async create(
    dto: CreateClientDto,
    fixed?: { id: string; secret: string },
    manager?: EntityManager,
    actor: AdminActor = {},
    owner: ClientOwner | null = null,
  ): Promise<CreatedClient> {
    if (dto.public && dto.kind !== 'password') {
      throw new BadRequestException('public: only a password client may be public');
    }
    const confidential = CONFIDENTIAL_KINDS.has(dto.kind) && !dto.public;
    const grantTypes = checkGrants(
      dto.kind,
      dto.grantTypes ?? DEFAULT_GRANTS[dto.kind],
      confidential,
    );
    const redirectUris = checkRedirectUris(dto.redirectUris ?? []);
    const postLogoutRedirectUris = checkRedirectUris(
      dto.postLogoutRedirectUris ?? [],
      'postLogoutRedirectUris',
    );
    checkFlowsHaveRedirects(grantTypes, redirectUris);
    const license = dto.license ? await this.licenses.check(dto.license, actor.requestId) : null;
    // One instant for the binding and its event: the gateway orders both by it (ADR 16).
    const at = this.clock.now();
    const secret = confidential ? (fixed?.secret ?? randomToken()) : undefined;
    const client = this.clients.build({
      id: fixed?.id ?? randomUUID(),
      name: dto.name,
      kind: dto.kind,
      secretHash: secret ? digest(secret) : null,
      redirectUris,
      postLogoutRedirectUris,
      scopes: [...new Set(dto.scopes)],
      grantTypes,
      accessTokenTtl: dto.accessTokenTtl ?? null,
      refreshTokens: dto.refreshTokens ?? grantTypes.includes('refresh_token'),
      licenseId: license,
      licenseBoundAt: license ? at : null,
      ownerEntity: owner?.entity ?? null,
      ownerDatabase: owner?.database ?? null,
    });
    const write = async (m: EntityManager): Promise<void> => {
      await this.clients.insert(client, m);
      const data = {
        clientId: client.id,
        name: client.name,
        kind: client.kind,
        scopes: client.scopes,
        redirectUris: client.redirectUris,
        ...(license ? { license } : {}),
        ...ownerFields(client),
        ...actor,
      };
      const options = { time: at, ...ownerEnvelope(client) };
      await this.outbox.add(m, draft(ClientCreated, client.id, data, options));
    };
    await (manager ? write(manager) : this.clients.transaction(write));
    return { client, secret };
  }

  list(): Promise<ClientEntity[]> {
    return this.clients.list();
  }

  async get(id: string): Promise<ClientEntity> {
    const client = await this.clients.findById(id);
    if (!client) throw new NotFoundException(`client ${id} not found`);
    return client;
  }

  /**
   * PATCH, recorded as `client.updated`. Taking scopes away also ends every token the client holds
   * (as a secret rotation does): a token must not keep a scope its client no longer has. Refresh
   * tokens stay and mint only the remaining scopes (RefreshTokenGrant).
   */
  async update(id: string, dto: UpdateClientDto, actor: AdminActor = {}): Promise<ClientEntity> {
    const client = await this.get(id);
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

  /** `000_*`: regenerable at any time; every token the client holds is revoked. */
  async rotateSecret(
    id: string,
    actor: AdminActor = {},
  ): Promise<{ client: ClientEntity; secret: string }> {
    const client = await this.get(id);
    if (client.isPublic) throw new BadRequestException('public clients have no secret');
    const secret = randomToken();
    const at = this.clock.now();
    await this.clients.transaction(async (m) => {
      await this.clients.update(id, { secretHash: digest(secret) }, m);
      await this.endTokens(id, at, 'client secret rotated', m);
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

  async remove(id: string, actor: AdminActor = {}): Promise<void> {
    const client = await this.get(id);
    const at = this.clock.now();
    await this.clients.transaction(async (m) => {
      await this.clients.delete(id, m);
      await this.endTokens(id, at, 'client deleted', m);
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

  private async endTokens(
    clientId: string,
    at: Date,
    reason: string,
    m: EntityManager,
  ): Promise<void> {
    await this.refreshTokens.revokeAllOfClient(clientId, at, m);
    await this.revocations.revoke({ scope: 'client', clientId, issuedBefore: at, reason }, m);
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

import { randomUUID } from 'node:crypto';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClientCreated } from '@platform/contracts';
import { Clock } from '@platform/http';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { AdminActor } from '../../shared/admin-actor';
import { digest, randomToken } from '../../shared/crypto';
import { CONFIDENTIAL_KINDS, DEFAULT_GRANTS } from '../client-kinds';
import { ClientLicensePolicy } from '../client-license';
import { type ClientOwner, ownerEnvelope, ownerFields } from '../client-owner';
import { checkFlowsHaveRedirects, checkGrants, checkRedirectUris } from '../client-rules';
import type { ClientEntity } from '../client.entity';
import { ClientsRepository } from '../clients.repository';
import { CreateClientDto } from '../dto/create-client.dto';

export interface CreatedClient {
  client: ClientEntity;
  secret?: string;
}

export interface CreateClientOptions {
  /** Who asks, recorded in `client.created`. */
  actor?: AdminActor;
  /** The context that owns the client (ADR 15 stage 2); null for the platform's own clients. */
  owner?: ClientOwner | null;
  /** A client the platform provisions from its environment: its id and secret are given. */
  fixed?: { id: string; secret: string };
}

/** Registers a client; the client and its `client.created` event commit together. */
@Injectable()
export class CreateClientUseCase {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(ClientLicensePolicy) private readonly licenses: ClientLicensePolicy,
    private readonly outbox: OutboxPublisher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(
    dto: CreateClientDto,
    options: CreateClientOptions = {},
    manager?: EntityManager,
  ): Promise<CreatedClient> {
    const { actor = {}, owner = null, fixed } = options;
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
}

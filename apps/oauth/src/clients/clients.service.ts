import { randomUUID } from 'node:crypto';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ClientCreated, ClientDeleted, ClientSecretRotated } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { digest, randomToken } from '../shared/crypto';
import { redirectUriProblem } from '../shared/redirect-target';
import { Revocations } from '../tokens/revocations';
import { RefreshTokenEntity } from '../tokens/token.entities';
import { ALLOWED_GRANTS, CONFIDENTIAL_KINDS, DEFAULT_GRANTS, GrantType } from './client-kinds';
import { ClientEntity } from './client.entity';
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
    @InjectDataSource() private readonly db: DataSource,
    @Inject(Revocations) private readonly revocations: Revocations,
    private readonly outbox: OutboxPublisher,
  ) {}

  async create(
    dto: CreateClientDto,
    fixed?: { id: string; secret: string },
    manager?: EntityManager,
  ): Promise<CreatedClient> {
    const grantTypes = checkGrants(dto.kind, dto.grantTypes ?? DEFAULT_GRANTS[dto.kind]);
    const redirectUris = checkRedirectUris(dto.redirectUris ?? []);
    if (
      grantTypes.some((g) => g === 'authorization_code' || g === 'implicit') &&
      redirectUris.length === 0
    ) {
      throw new BadRequestException(
        'redirectUris: required for the authorization code and implicit flows',
      );
    }
    if (dto.public && dto.kind !== 'password')
      throw new BadRequestException('public: only a password client may be public');
    const confidential = CONFIDENTIAL_KINDS.has(dto.kind) && !dto.public;
    const secret = confidential ? (fixed?.secret ?? randomToken()) : undefined;
    const client = this.db.getRepository(ClientEntity).create({
      id: fixed?.id ?? randomUUID(),
      name: dto.name,
      kind: dto.kind,
      secretHash: secret ? digest(secret) : null,
      redirectUris,
      scopes: [...new Set(dto.scopes)],
      grantTypes,
      accessTokenTtl: dto.accessTokenTtl ?? null,
      refreshTokens: dto.refreshTokens ?? grantTypes.includes('refresh_token'),
    });
    const write = async (m: EntityManager): Promise<void> => {
      await m.getRepository(ClientEntity).insert(client);
      await this.outbox.add(
        m,
        draft(ClientCreated, client.id, {
          clientId: client.id,
          name: client.name,
          kind: client.kind,
          scopes: client.scopes,
        }),
      );
    };
    await (manager ? write(manager) : this.db.transaction(write));
    return { client, secret };
  }

  list(): Promise<ClientEntity[]> {
    return this.db.getRepository(ClientEntity).find({ order: { createdAt: 'ASC' } });
  }

  async get(id: string): Promise<ClientEntity> {
    const client = await this.db.getRepository(ClientEntity).findOneBy({ id });
    if (!client) throw new NotFoundException(`client ${id} not found`);
    return client;
  }

  async update(id: string, dto: UpdateClientDto): Promise<ClientEntity> {
    const client = await this.get(id);
    if (dto.grantTypes) client.grantTypes = checkGrants(client.kind, dto.grantTypes);
    if (dto.name !== undefined) client.name = dto.name;
    if (dto.redirectUris !== undefined) client.redirectUris = checkRedirectUris(dto.redirectUris);
    if (dto.scopes !== undefined) client.scopes = [...new Set(dto.scopes)];
    if (dto.accessTokenTtl !== undefined) client.accessTokenTtl = dto.accessTokenTtl;
    if (dto.refreshTokens !== undefined) client.refreshTokens = dto.refreshTokens;
    await this.db.getRepository(ClientEntity).save(client);
    return client;
  }

  /** `000_*`: regenerable at any time; every token the client holds is revoked. */
  async rotateSecret(id: string): Promise<{ client: ClientEntity; secret: string }> {
    const client = await this.get(id);
    if (client.isPublic) throw new BadRequestException('public clients have no secret');
    const secret = randomToken();
    const at = new Date();
    await this.db.transaction(async (m) => {
      await m.getRepository(ClientEntity).update({ id }, { secretHash: digest(secret) });
      await this.endTokens(m, id, at, 'client secret rotated');
      await this.outbox.add(
        m,
        draft(ClientSecretRotated, id, { clientId: id, rotatedAt: at.toISOString() }),
      );
    });
    return { client, secret };
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    const at = new Date();
    await this.db.transaction(async (m) => {
      await m.getRepository(ClientEntity).delete({ id });
      await this.endTokens(m, id, at, 'client deleted');
      await this.outbox.add(
        m,
        draft(ClientDeleted, id, { clientId: id, deletedAt: at.toISOString() }),
      );
    });
  }

  private async endTokens(
    m: EntityManager,
    clientId: string,
    at: Date,
    reason: string,
  ): Promise<void> {
    await m.getRepository(RefreshTokenEntity).update({ clientId }, { revokedAt: at });
    await this.revocations.revoke(m, { scope: 'client', clientId, issuedBefore: at, reason });
  }
}

/** Redirect URIs are matched exactly and redirected to: each must be unambiguous (shared/redirect-target.ts). */
function checkRedirectUris(uris: string[]): string[] {
  for (const uri of uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw new BadRequestException(`redirectUris: ${uri} ${problem}`);
  }
  return uris;
}

function checkGrants(kind: CreateClientDto['kind'], grants: GrantType[]): GrantType[] {
  const refused = grants.filter((g) => !ALLOWED_GRANTS[kind].includes(g));
  if (refused.length > 0)
    throw new BadRequestException(`grantTypes: a ${kind} client may not use ${refused.join(', ')}`);
  return [...new Set(grants)];
}

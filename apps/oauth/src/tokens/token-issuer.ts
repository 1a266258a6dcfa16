import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TokenIssued } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { ClientEntity } from '../clients/client.entity';
import { OauthEnv } from '../config';
import { digest, randomToken } from '../shared/crypto';
import { AccessTokens } from './access-token';
import { UsersDirectory } from '../users-client/users-directory';
import { IssuedTokenAudit } from './issued-token-audit';
import { RefreshTokenEntity } from './token.entities';

/** Refresh tokens live 30 days; each use replaces them (rotation). */
export const REFRESH_TTL_MS = 30 * 24 * 3600_000;

export interface IssueRequest {
  client: ClientEntity;
  userId?: string;
  scope: string[];
  grantType: string;
  ip?: string;
  /** Issue a refresh token too (the client enables them and the grant allows it). */
  refresh?: boolean;
  /** The rotation family to continue; a new one otherwise. */
  familyId?: string;
  /** The user's permissions when the grant already has them; else they are looked up. */
  entitlements?: string[];
  requestId?: string;
}

/** RFC 6749 §5.1 successful response. */
export interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

export interface Issued {
  response: TokenResponse;
  jti: string;
  issuedAt: Date;
  expiresAt: Date;
  familyId?: string;
}

/**
 * Mints the access token, stores a refresh token when asked, and records `token.issued` (in the
 * caller's transaction when there is a write, else batched: see IssuedTokenAudit).
 */
@Injectable()
export class TokenIssuer {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    @Inject(IssuedTokenAudit) private readonly audit: IssuedTokenAudit,
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
    private readonly outbox: OutboxPublisher,
  ) {}

  async issue(req: IssueRequest, manager?: EntityManager): Promise<Issued> {
    const ttl = req.client.accessTokenTtl ?? this.env.ACCESS_TOKEN_TTL_SECONDS;
    const entitlements = await this.entitlementsOf(req);
    const minted = await this.tokens.mint({ clientId: req.client.id, userId: req.userId, scope: req.scope, ttlSeconds: ttl, entitlements });
    const scope = req.scope.join(' ');
    const response: TokenResponse = { access_token: minted.token, token_type: 'bearer', expires_in: ttl, scope };
    const familyId = req.refresh ? (req.familyId ?? randomUUID()) : undefined;
    const license = req.client.licenseId ?? undefined;
    const audit = { jti: minted.jti, clientId: req.client.id, userId: req.userId, grantType: req.grantType, scope, ip: req.ip, license };
    if (!familyId && !manager) {
      this.audit.record(audit);
    } else {
      const write = async (m: EntityManager): Promise<void> => {
        if (familyId) response.refresh_token = await this.storeRefresh(m, req, familyId, minted.jti);
        await this.outbox.add(m, draft(TokenIssued, req.client.id, audit));
      };
      await (manager ? write(manager) : this.db.transaction(write));
    }
    return { response, jti: minted.jti, issuedAt: minted.issuedAt, expiresAt: minted.expiresAt, familyId };
  }

  /** A user token carries the user's current permissions (from users, unless the grant has them). */
  private async entitlementsOf(req: IssueRequest): Promise<string[] | undefined> {
    if (!req.userId) return undefined;
    if (req.entitlements) return req.entitlements;
    const user = await this.users.get(req.userId, req.requestId ?? randomUUID());
    return user?.permissions;
  }

  private async storeRefresh(m: EntityManager, req: IssueRequest, familyId: string, accessJti: string): Promise<string> {
    const token = randomToken();
    await m.getRepository(RefreshTokenEntity).insert({
      tokenHash: digest(token),
      familyId,
      clientId: req.client.id,
      userId: req.userId ?? null,
      scope: req.scope.join(' '),
      accessJti,
      expiresAt: new Date(Date.now() + REFRESH_TTL_MS),
      usedAt: null,
      revokedAt: null,
    });
    return token;
  }
}

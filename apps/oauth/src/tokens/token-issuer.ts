import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TokenIssued } from '@platform/contracts';
import { Clock } from '@platform/http';
import { draft, OutboxPublisher } from '@platform/messaging';
import { ClientEntity } from '../clients/client.entity';
import { OauthEnv } from '../config';
import { digest, randomToken } from '../shared/crypto';
import { OPENID } from '../shared/scopes';
import { AccessTokens, MintedToken } from './access-token';
import { IdTokens, SignIn } from './id-token';
import { UsersDirectory } from '../users-client/users-directory';
import { IssuedTokenAudit } from './issued-token-audit';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import type { TokenResponse } from './dto/token.response';

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
  /**
   * The OpenID Connect sign-in behind the grant (authorization code with a user, and refreshes of
   * it). Without one, `openid` is not granted: only an OpenID authentication yields an ID token.
   */
  signIn?: SignIn;
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
    @Inject(RefreshTokensRepository) private readonly refreshTokens: RefreshTokensRepository,
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    @Inject(IdTokens) private readonly idTokens: IdTokens,
    @Inject(IssuedTokenAudit) private readonly audit: IssuedTokenAudit,
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
    private readonly outbox: OutboxPublisher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async issue(req: IssueRequest, manager?: EntityManager): Promise<Issued> {
    const { minted, response, signIn } = await this.mint(req);
    const familyId = req.refresh ? (req.familyId ?? randomUUID()) : undefined;
    const audit = {
      jti: minted.jti,
      clientId: req.client.id,
      userId: req.userId,
      grantType: req.grantType,
      scope: response.scope,
      ip: req.ip,
      license: req.client.licenseId ?? undefined,
    };
    if (!familyId && !manager) {
      this.audit.record(audit, minted.issuedAt);
    } else {
      const refresh = familyId
        ? { familyId, scope: response.scope, accessJti: minted.jti, signIn }
        : undefined;
      const write = async (m: EntityManager): Promise<void> => {
        if (refresh) response.refresh_token = await this.storeRefresh(m, req, refresh);
        await this.outbox.add(m, draft(TokenIssued, req.client.id, audit));
      };
      await (manager ? write(manager) : this.refreshTokens.transaction(write));
    }
    const { issuedAt, expiresAt, jti } = minted;
    return { response, jti, issuedAt, expiresAt, familyId };
  }

  /**
   * The access token and, for an OpenID Connect sign-in with `openid` granted, the ID token.
   * Without a sign-in `openid` is left out (RFC 6749 §3.3 lets a server grant less than asked;
   * the response's `scope` says so): only an OpenID authentication yields an ID token or userinfo.
   */
  private async mint(
    req: IssueRequest,
  ): Promise<{ minted: MintedToken; response: TokenResponse; signIn?: SignIn }> {
    const ttlSeconds = req.client.accessTokenTtl ?? this.env.ACCESS_TOKEN_TTL_SECONDS;
    const userId = req.userId;
    const signIn = userId && req.scope.includes(OPENID) ? req.signIn : undefined;
    const scope = signIn ? req.scope : req.scope.filter((s) => s !== OPENID);
    const clientId = req.client.id;
    const entitlements = await this.entitlementsOf(req);
    const minted = await this.tokens.mint({ clientId, userId, scope, ttlSeconds, entitlements });
    const response: TokenResponse = {
      access_token: minted.token,
      token_type: 'bearer',
      expires_in: ttlSeconds,
      scope: scope.join(' '),
    };
    if (signIn && userId) {
      const accessToken = minted.token;
      response.id_token = await this.idTokens.mint({
        clientId,
        userId,
        signIn,
        accessToken,
        ttlSeconds,
      });
    }
    return { minted, response, signIn };
  }

  /** A user token carries the user's current permissions (from users, unless the grant has them). */
  private async entitlementsOf(req: IssueRequest): Promise<string[] | undefined> {
    if (!req.userId) return undefined;
    if (req.entitlements) return req.entitlements;
    const user = await this.users.get(req.userId, req.requestId ?? randomUUID());
    return user?.permissions;
  }

  private async storeRefresh(m: EntityManager, req: IssueRequest, r: RefreshRow): Promise<string> {
    const token = randomToken();
    await this.refreshTokens.insert(
      {
        tokenHash: digest(token),
        familyId: r.familyId,
        clientId: req.client.id,
        userId: req.userId ?? null,
        scope: r.scope,
        accessJti: r.accessJti,
        expiresAt: new Date(this.clock.now().getTime() + REFRESH_TTL_MS),
        usedAt: null,
        revokedAt: null,
        authTime: r.signIn?.authTime ?? null,
        sid: r.signIn?.sid ?? null,
      },
      m,
    );
    return token;
  }
}

interface RefreshRow {
  familyId: string;
  scope: string;
  accessJti: string;
  /** Kept so a refresh can mint an ID token that says the same (OIDC Core §12.2). */
  signIn?: SignIn;
}

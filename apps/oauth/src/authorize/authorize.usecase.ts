import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClientEntity } from '../clients/client.entity';
import { OauthEnv } from '../config';
import { AccessDenied, OAuthError } from '../errors/oauth-errors';
import { SessionEntity } from '../login/session.entities';
import { digest, randomToken } from '../shared/crypto';
import { grantedScopes } from '../tokens/scope-policy';
import { TokenIssuer } from '../tokens/token-issuer';
import { AuthorizationCodeEntity } from '../tokens/token.entities';
import { DirectoryUser, UsersDirectory } from '../users-client/users-directory';
import { checkRequest, CheckedRequest, Query, redirectUriOf } from './authorize-request';

/** Codes live 60 s (RFC 6749 §4.1.2 recommends at most 10 minutes). */
const CODE_TTL_MS = 60_000;

export type AuthorizeOutcome = { kind: 'redirect'; url: string } | { kind: 'login' };

/**
 * GET /authorize: validate the client and redirect URI (errors shown, never redirected), then the
 * rest (errors redirected with `state`), then ask for a login or answer with a code or a token.
 */
@Injectable()
export class AuthorizeUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(TokenIssuer) private readonly issuer: TokenIssuer,
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
  ) {}

  async run(
    q: Query,
    session: SessionEntity | undefined,
    ip: string | undefined,
    requestId: string,
  ): Promise<AuthorizeOutcome> {
    const client = q['client_id']
      ? await this.db.getRepository(ClientEntity).findOneBy({ id: q['client_id'] })
      : null;
    const redirectUri = redirectUriOf(client, q);
    const checked = checkRequest(client as ClientEntity, redirectUri, q);
    if (checked instanceof OAuthError) return this.redirectError(redirectUri, q, checked);
    // `002_*`: anonymous clients have no user, so they skip the login.
    if (!session && checked.client.kind !== 'anonymous') return { kind: 'login' };
    let user: DirectoryUser | undefined;
    let scope: string[];
    try {
      user = session ? await this.sessionUser(session, requestId) : undefined;
      scope = grantedScopes(checked.client, checked.scope, user ?? { platformAdmin: false });
    } catch (e) {
      if (e instanceof OAuthError) return this.redirectError(redirectUri, q, e);
      throw e;
    }
    return checked.responseType === 'code'
      ? this.code(checked, user?.id, scope)
      : this.implicit(checked, user, scope, ip);
  }

  /** The session's user as `users` says it is now: a session may outlive its user's disabling by the event's delay. */
  private async sessionUser(session: SessionEntity, requestId: string): Promise<DirectoryUser> {
    const user = await this.users.get(session.userId, requestId);
    if (!user || user.status !== 'active') throw new AccessDenied('The user is disabled.');
    return user;
  }

  private async code(
    r: CheckedRequest,
    userId: string | undefined,
    scope: string[],
  ): Promise<AuthorizeOutcome> {
    const code = randomToken();
    await this.db.getRepository(AuthorizationCodeEntity).insert({
      codeHash: digest(code),
      clientId: r.client.id,
      userId: userId ?? null,
      redirectUri: r.redirectUri,
      scope: scope.join(' '),
      codeChallenge: r.codeChallenge ?? null,
      expiresAt: new Date(Date.now() + CODE_TTL_MS),
      usedAt: null,
      accessJti: null,
      refreshFamily: null,
    });
    // RFC 9207: `iss` in the response tells the client which server answered (mix-up defence).
    return {
      kind: 'redirect',
      url: withParams(r.redirectUri, '?', { code, state: r.state, iss: this.env.issuer }),
    };
  }

  /** Implicit (legacy): the token in the fragment, never a refresh token (RFC 6749 §4.2.2). */
  private async implicit(
    r: CheckedRequest,
    user: DirectoryUser | undefined,
    scope: string[],
    ip?: string,
  ): Promise<AuthorizeOutcome> {
    const { response } = await this.issuer.issue({
      client: r.client,
      userId: user?.id,
      scope,
      grantType: 'implicit',
      ip,
      entitlements: user?.permissions,
    });
    const params = {
      access_token: response.access_token,
      token_type: 'bearer',
      expires_in: String(response.expires_in),
      scope: response.scope,
      state: r.state,
    };
    return { kind: 'redirect', url: withParams(r.redirectUri, '#', params) };
  }

  private redirectError(redirectUri: string, q: Query, e: OAuthError): AuthorizeOutcome {
    const sep = q['response_type'] === 'token' ? '#' : '?';
    const params = {
      error: e.error,
      error_description: e.description,
      state: q['state'],
      iss: this.env.issuer,
    };
    return { kind: 'redirect', url: withParams(redirectUri, sep, params) };
  }
}

/** The registered redirect URI (exact match, no fragment) with the answer in its query or fragment. */
function withParams(
  base: string,
  sep: '?' | '#',
  params: Record<string, string | undefined>,
): string {
  const url = new URL(base);
  const search = sep === '#' ? new URLSearchParams() : url.searchParams;
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.append(k, v);
  if (sep === '#') url.hash = search.toString();
  return url.href;
}

import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@platform/http';
import type { ClientEntity } from '../clients/client.entity';
import { ClientsRepository } from '../clients/clients.repository';
import { OauthEnv } from '../config';
import { AccessDenied, LoginRequired, OAuthError } from '../errors/oauth-errors';
import { SessionEntity } from '../login/session.entities';
import { digest, randomToken } from '../shared/crypto';
import { OPENID } from '../shared/scopes';
import { grantedScopes } from '../tokens/scope-policy';
import { TokenIssuer } from '../tokens/token-issuer';
import { AuthorizationCodesRepository } from '../tokens/authorization-codes.repository';
import { DirectoryUser, UsersDirectory } from '../users-client/users-directory';
import { checkRequest, CheckedRequest, Query, redirectUriOf } from './authorize-request';

/** Codes live 60 s (RFC 6749 §4.1.2 recommends at most 10 minutes). */
const CODE_TTL_MS = 60_000;

/**
 * Redirect back to the client, or ask for a sign-in first (`reauthenticate`: even though a session
 * exists, because of `prompt=login` or `max_age`; the resumed request must not ask again).
 */
export type AuthorizeOutcome =
  { kind: 'redirect'; url: string } | { kind: 'login'; reauthenticate: boolean };

/**
 * GET /authorize: validate the client and redirect URI (errors shown, never redirected), then the
 * rest (errors redirected with `state`), then ask for a login or answer with a code or a token.
 */
@Injectable()
export class AuthorizeUseCase {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(AuthorizationCodesRepository) private readonly codes: AuthorizationCodesRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(TokenIssuer) private readonly issuer: TokenIssuer,
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
  ) {}

  async execute(
    q: Query,
    session: SessionEntity | undefined,
    ip: string | undefined,
    requestId: string,
  ): Promise<AuthorizeOutcome> {
    const client = q['client_id'] ? await this.clients.findById(q['client_id']) : null;
    const redirectUri = redirectUriOf(client, q);
    const checked = checkRequest(client as ClientEntity, redirectUri, q);
    if (checked instanceof OAuthError) return this.redirectError(redirectUri, q, checked);
    const signInNeeded = signInNeededFor(checked, session, this.clock.now());
    if (signInNeeded) {
      // OIDC Core §3.1.2.1: `prompt=none` never shows a page; it answers login_required instead.
      if (checked.openId.prompt.has('none')) {
        return this.redirectError(redirectUri, q, new LoginRequired('The user is not signed in.'));
      }
      return signInNeeded;
    }
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
      ? this.code(checked, user && session ? { userId: user.id, session } : undefined, scope)
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
    signedIn: { userId: string; session: SessionEntity } | undefined,
    scope: string[],
  ): Promise<AuthorizeOutcome> {
    const code = randomToken();
    // An OpenID authentication (OIDC Core §3.1.2): what the ID token will say about it.
    const openId = signedIn && scope.includes(OPENID) ? signedIn.session : undefined;
    await this.codes.insert({
      codeHash: digest(code),
      clientId: r.client.id,
      userId: signedIn?.userId ?? null,
      redirectUri: r.redirectUri,
      scope: scope.join(' '),
      codeChallenge: r.codeChallenge ?? null,
      expiresAt: new Date(this.clock.now().getTime() + CODE_TTL_MS),
      usedAt: null,
      accessJti: null,
      refreshFamily: null,
      nonce: openId ? (r.openId.nonce ?? null) : null,
      authTime: openId?.createdAt ?? null,
      sid: openId?.sid ?? null,
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
      // RFC 9207 §2: in every authorization response, the fragment ones too.
      iss: this.env.issuer,
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

/**
 * Whether the user must sign in first: no session; or OIDC Core §3.1.2.1 `prompt=login`, or a
 * sign-in older than `max_age`. `002_*`: anonymous clients have no user and never sign in.
 */
function signInNeededFor(
  r: CheckedRequest,
  session: SessionEntity | undefined,
  now: Date,
): AuthorizeOutcome | undefined {
  if (r.client.kind === 'anonymous') return undefined;
  if (!session) return { kind: 'login', reauthenticate: false };
  const { prompt, maxAge } = r.openId;
  const age = (now.getTime() - session.createdAt.getTime()) / 1000;
  if (prompt.has('login') || (maxAge !== undefined && age > maxAge)) {
    return { kind: 'login', reauthenticate: true };
  }
  return undefined;
}

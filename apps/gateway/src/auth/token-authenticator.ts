import { Injectable } from '@nestjs/common';
import { isPlatformAdmin, type CallerContext, type Principal } from '@platform/auth';
import type { RouteRule } from '../routing/route-table';
import { GatewayHttpException } from '../proxy/problem-reply';
import { EndpointCatalogue } from '../routing/endpoint-catalogue';
import {
  AuthRefusal,
  type RefusalReason,
  endpointNotAllowed,
  forbiddenContext,
  insufficientScope,
  invalidToken,
  licenseInactive,
  missingToken,
  notReady,
} from './auth-errors';
import { bearerTokenOf } from './bearer-token';
import { AccessUseRecorder } from './events/access-use-recorder';
import { SecurityAudit } from './events/security-audit';
import { SecurityProjections } from './projections/security-projections';
import { ClientRateLimit } from './rate-limit/client-rate-limit';
import { RevocationSync } from './snapshots/revocation-sync';
import { OpenStreams, type StreamEndReason } from './streams/open-streams';
import {
  AccessTokenVerifier,
  KeySetUnavailable,
  TokenRejected,
  type VerifiedToken,
} from './tokens/access-token-verifier';
import { GatewayAuthenticator, type GatewayRequest } from './authenticator';

/** How long a request waits for the boot-time load of revocations before a 503. */
const CATCH_UP_WAIT_MS = 3_000;
const USER_ACCESS_HEADER = 'user-access';

const REVOKED_TEXT = {
  token_revoked: 'The access token was revoked.',
  client_revoked: "The access token was revoked (the client's secret changed).",
  client_deleted: 'The access token belongs to a deleted client.',
  user_disabled: 'The access token belongs to a disabled user.',
} as const;

/** How an ended stream is recorded (`shutting_down` is not recorded at all). */
const STREAM_END_REASON: Record<StreamEndReason, RefusalReason> = {
  token_revoked: 'revoked_token',
  client_revoked: 'revoked_token',
  client_deleted: 'revoked_token',
  user_disabled: 'revoked_token',
  access_revoked: 'invalid_user_access',
  license_inactive: 'license_inactive',
  token_expired: 'expired_token',
  shutting_down: 'revoked_token',
};

/**
 * Who is calling (spec §2): the bearer token's signature, issuer and expiry, the revocation view,
 * the client's rate limit, the route's scopes and the `User-Access` context, in that order. Every
 * refusal is recorded as a `security.decision`.
 */
@Injectable()
export class TokenAuthenticator extends GatewayAuthenticator {
  /** What each admitted request was authenticated with, for `watch`. */
  private readonly admitted = new WeakMap<GatewayRequest, Principal & { token: VerifiedToken }>();

  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly projections: SecurityProjections,
    private readonly sync: RevocationSync,
    private readonly rateLimit: ClientRateLimit,
    private readonly audit: SecurityAudit,
    private readonly streams: OpenStreams,
    private readonly endpoints: EndpointCatalogue,
    private readonly accessUses: AccessUseRecorder,
  ) {
    super();
  }

  override watch(request: GatewayRequest, end: (reason: StreamEndReason) => void): () => void {
    const admitted = this.admitted.get(request);
    if (!admitted) return () => undefined;
    return this.streams.add({
      token: admitted.token,
      accessId: admitted.context?.accessId,
      end: (reason) => {
        if (reason !== 'shutting_down') this.recordStreamEnd(request, admitted, reason);
        end(reason);
      },
    });
  }

  override answerHeaders(request: GatewayRequest): Record<string, string> | undefined {
    return this.rateLimit.takeHeaders(request);
  }

  async authenticate(request: GatewayRequest, route: RouteRule): Promise<Principal | undefined> {
    if (route.auth.kind === 'none') return undefined;
    let token: VerifiedToken | undefined;
    try {
      const raw = bearerTokenOf(request.headers.authorization);
      if (raw === undefined) throw missingToken();
      if (raw === null)
        throw invalidToken('invalid_token', 'The Authorization header is not a bearer token.');
      if (!(await this.sync.waitCaughtUp(CATCH_UP_WAIT_MS))) throw notReady();
      token = await this.verify(raw);
      const revoked = this.projections.revocations.check(token);
      if (revoked) throw invalidToken('revoked_token', REVOKED_TEXT[revoked]);
      const now = Date.now();
      const license = this.projections.licenses.check(token.clientId, now);
      if (license) throw licenseInactive(license);
      await this.rateLimit.check(request, token.clientId);
      const principal = this.authorize(request, route, token, now);
      this.admitted.set(request, { ...principal, token });
      return principal;
    } catch (e) {
      if (e instanceof AuthRefusal) this.recordRefusal(request, e, token);
      throw e;
    }
  }

  private async verify(raw: string): Promise<VerifiedToken> {
    try {
      return await this.verifier.verify(raw);
    } catch (e) {
      if (e instanceof TokenRejected) {
        throw invalidToken(e.problem === 'expired' ? 'expired_token' : 'invalid_token', e.message);
      }
      if (e instanceof KeySetUnavailable) {
        throw new GatewayHttpException('Tokens cannot be checked right now; retry shortly.', 503, {
          'Retry-After': '1',
        });
      }
      throw e;
    }
  }

  /**
   * Authorization: the route's scopes (spec §2 table), the endpoints an endpoint-limited token
   * names, and the `User-Access` context.
   */
  private authorize(
    request: GatewayRequest,
    route: RouteRule,
    token: VerifiedToken,
    now: number,
  ): Principal {
    const license = this.projections.licenses.licenseOf(token.clientId);
    const principal: Principal = {
      clientId: token.clientId,
      userId: token.userId,
      scopes: token.scopes,
      tokenId: token.jti,
      requestId: request.id,
      license,
    };
    const admin = isPlatformAdmin(principal);
    const needed = route.auth.kind === 'none' ? [] : route.auth.scopes;
    if (!admin && !needed.every((s) => token.scopes.includes(s))) {
      throw insufficientScope(needed, `This endpoint needs the scopes: ${needed.join(' ')}.`);
    }
    if (route.auth.kind === 'user-permission') {
      if (!token.userId)
        throw forbiddenContext(
          'user_token_required',
          'This endpoint needs a token issued to a user.',
        );
      if (!admin && !token.permissions.includes(route.auth.permission)) {
        throw forbiddenContext(
          'missing_permission',
          `This endpoint needs the ${route.auth.permission} permission.`,
        );
      }
    }
    if (token.endpoints) this.checkEndpoint(request, route, token.endpoints);
    const context = this.contextOf(request, token);
    if (route.auth.kind === 'context-role' && !admin && context?.role !== route.auth.role) {
      throw forbiddenContext(
        'missing_permission',
        `This endpoint needs a User-Access whose role is ${route.auth.role}.`,
      );
    }
    if (!context) return principal;
    this.accessUses.note(context.accessId, now);
    return { ...principal, context };
  }

  /** One lookup in the compiled catalogue, one in the token's set (ADR 16). */
  private checkEndpoint(
    request: GatewayRequest,
    route: RouteRule,
    allowed: ReadonlySet<string>,
  ): void {
    const path = request.url.split('?', 1)[0] ?? request.url;
    const found = this.endpoints.resolve(request.method, path, route.service);
    if (found.kind === 'incomplete') throw notReady();
    if (found.kind === 'unknown' || !allowed.has(found.endpoint)) {
      throw endpointNotAllowed(found.kind === 'operation' ? found.endpoint : undefined);
    }
  }

  /** `User-Access` must name an active access of this token's user (spec §2); optional header. */
  private contextOf(request: GatewayRequest, token: VerifiedToken): CallerContext | undefined {
    const header = request.headers[USER_ACCESS_HEADER];
    if (header === undefined || header === '') return undefined;
    const context =
      typeof header === 'string'
        ? this.projections.accesses.contextFor(header.trim(), token.userId)
        : undefined;
    if (!context) {
      throw forbiddenContext(
        'invalid_user_access',
        'The User-Access is unknown, inactive or not yours.',
      );
    }
    return context;
  }

  /** An open stream ended by the gateway is an authentication that stopped holding (spec §7). */
  private recordStreamEnd(
    request: GatewayRequest,
    admitted: Principal & { token: VerifiedToken },
    reason: StreamEndReason,
  ): void {
    const denied = reason === 'access_revoked' || reason === 'license_inactive';
    this.audit.record({
      action: denied ? 'gateway.authorize' : 'gateway.authenticate',
      outcome: denied ? 'denied' : 'failed',
      actorClient: admitted.clientId,
      actorUser: admitted.userId,
      ip: request.raw.socket.remoteAddress,
      target: `${request.method} ${request.url.split('?')[0]}`,
      reason: STREAM_END_REASON[reason],
      requestId: request.id,
      ...(admitted.license ? { license: admitted.license } : {}),
      details: { tokenId: admitted.tokenId, streamEnded: reason },
    });
  }

  private recordRefusal(
    request: GatewayRequest,
    refusal: AuthRefusal,
    token?: VerifiedToken,
  ): void {
    const authentication = refusal.getStatus() === 401 || refusal.reason === 'starting';
    const license = token ? this.projections.licenses.licenseOf(token.clientId) : undefined;
    this.audit.record({
      action: authentication ? 'gateway.authenticate' : 'gateway.authorize',
      outcome: authentication ? 'failed' : 'denied',
      actorClient: token?.clientId,
      actorUser: token?.userId,
      ip: request.raw.socket.remoteAddress,
      target: `${request.method} ${request.url.split('?')[0]}`,
      reason: refusal.reason,
      requestId: request.id,
      ...(license ? { license } : {}),
      details: token
        ? { tokenId: token.jti, status: refusal.getStatus() }
        : { status: refusal.getStatus() },
    });
  }
}

import { randomUUID, sign as cryptoSign } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Clock, SystemClock } from '@platform/http';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWTPayload } from 'jose';
import { ENDPOINTS_CLAIM } from '@platform/contracts';
import { OauthEnv } from '../config';
import { KeyStore, SIGNING_ALG } from '../keys/key-store';

export interface AccessTokenClaims extends JWTPayload {
  jti: string;
  sub: string;
  client_id: string;
  scope: string;
  iat: number;
  exp: number;
  /** `at+jwt` tokens of kind `client_token` are the long-lived client access tokens (`000_*`). */
  token_use?: 'client_token';
  /** The user's permissions (`003_*`, e.g. `UserManagement`), RFC 9068 §2.2.3.1. */
  entitlements?: string[];
  /** A client access token limited to these endpoints (`METHOD /template`, `000_*`). */
  endpoints?: string[];
}

export interface MintRequest {
  clientId: string;
  userId?: string;
  scope: string[];
  ttlSeconds: number;
  kind?: 'client_token';
  entitlements?: string[];
  endpoints?: string[];
}

export interface MintedToken {
  token: string;
  jti: string;
  issuedAt: Date;
  expiresAt: Date;
}

/**
 * RFC 9068 JWT access tokens: `typ: at+jwt`, `iss` = PUBLIC_URL, `sub` (the user, or the client
 * for client credentials), `client_id`, `scope`, `jti`, and for a user its permissions as
 * `entitlements` (the gateway admits `/{customerId}/users/identifiers` on `UserManagement`).
 * `iat` keeps milliseconds (a NumericDate may be fractional, RFC 7519 §2) so "revoke everything
 * issued before T" never catches a token issued in the same second after T.
 */
@Injectable()
export class AccessTokens {
  /** The encoded JWS header of the current key, kept while the key stays the same. */
  private header?: { kid: string; encoded: string };

  constructor(
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(KeyStore) private readonly keys: KeyStore,
    @Inject(Clock) private readonly clock: Clock = new SystemClock(),
  ) {}

  async mint(req: MintRequest): Promise<MintedToken> {
    const { kid, key } = await this.keys.current();
    const now = this.clock.now().getTime();
    const jti = randomUUID();
    const exp = Math.floor(now / 1000) + req.ttlSeconds;
    const claims: AccessTokenClaims = {
      jti,
      sub: req.userId ?? req.clientId,
      client_id: req.clientId,
      scope: req.scope.join(' '),
      iat: now / 1000,
      exp,
      ...(req.kind ? { token_use: req.kind } : {}),
      ...(req.entitlements?.length ? { entitlements: req.entitlements } : {}),
      ...(req.endpoints ? { [ENDPOINTS_CLAIM]: req.endpoints } : {}),
      iss: this.env.issuer,
      aud: this.env.issuer,
    };
    // An ordinary compact JWS (RFC 7515 §7.1) built with node:crypto rather than jose's SignJWT:
    // one is signed per token request, and the generic builder cost more than the signature.
    // ES256 signatures are the raw r||s pair (RFC 7518 §3.4), hence ieee-p1363.
    const signingInput = `${this.encodedHeader(kid)}.${base64url(JSON.stringify(claims))}`;
    const signature = cryptoSign('sha256', Buffer.from(signingInput, 'ascii'), {
      key,
      dsaEncoding: 'ieee-p1363',
    });
    const token = `${signingInput}.${signature.toString('base64url')}`;
    return { token, jti, issuedAt: new Date(now), expiresAt: new Date(exp * 1000) };
  }

  private encodedHeader(kid: string): string {
    if (this.header?.kid !== kid) {
      this.header = {
        kid,
        encoded: base64url(JSON.stringify({ alg: SIGNING_ALG, typ: 'at+jwt', kid })),
      };
    }
    return this.header.encoded;
  }

  /** Signature, issuer, type and expiry; `undefined` for anything not a valid token of ours. */
  async verify(
    token: string,
    options: { allowExpired?: boolean } = {},
  ): Promise<AccessTokenClaims | undefined> {
    try {
      const { kid } = decodeProtectedHeader(token);
      const jwk = (await this.keys.jwks()).keys.find((k) => k.kid === kid);
      if (!jwk) return undefined;
      const { payload } = await jwtVerify(token, await importJWK(jwk, SIGNING_ALG), {
        algorithms: [SIGNING_ALG],
        issuer: this.env.issuer,
        typ: 'at+jwt',
        // An expired token still has a known identity (tokeninfo says `expired: true`).
        currentDate: options.allowExpired ? new Date(0) : undefined,
      });
      return isClaims(payload) ? payload : undefined;
    } catch {
      return undefined;
    }
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function isClaims(p: JWTPayload): p is AccessTokenClaims {
  return (
    typeof p.jti === 'string' &&
    typeof p.sub === 'string' &&
    typeof p['client_id'] === 'string' &&
    typeof p['scope'] === 'string' &&
    typeof p.iat === 'number' &&
    typeof p.exp === 'number'
  );
}

import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Clock, SystemClock } from '@platform/http';
import { decodeProtectedHeader, importJWK, jwtVerify, SignJWT } from 'jose';
import { OauthEnv } from '../config';
import { KeyStore, SIGNING_ALG } from '../keys/key-store';

/**
 * The OpenID Connect sign-in behind a grant: when the user's login session began (`auth_time`),
 * its public id (`sid`), and the authorization request's `nonce` (the first ID token only).
 */
export interface SignIn {
  authTime: Date;
  sid: string;
  nonce?: string;
}

export interface IdTokenRequest {
  clientId: string;
  userId: string;
  signIn: SignIn;
  /** The access token issued with it, bound by `at_hash` (OIDC Core §3.1.3.6). */
  accessToken: string;
  ttlSeconds: number;
}

/** What logout needs from an `id_token_hint` this server issued. */
export interface IdTokenHint {
  sub: string;
  clientId: string;
  sid: string;
}

/**
 * `at_hash` (OIDC Core §3.1.3.6): the left half of the hash of the access token's ASCII, with the
 * hash of the ID token's `alg` (SHA-256 for ES256), base64url.
 */
export function accessTokenHash(accessToken: string): string {
  const hash = createHash('sha256').update(accessToken, 'ascii').digest();
  return hash.subarray(0, hash.length / 2).toString('base64url');
}

/**
 * OpenID Connect ID tokens (OIDC Core §2), signed with the access tokens' keys but typed `JWT`
 * (never `at+jwt`) and without `client_id`/`scope`: the gateway and oauth refuse one as an access
 * token, and logout refuses an access token as an ID token. `aud` is the client alone, so `azp`
 * is not needed (§2: only when the audience has other parties). Profile and email claims are not
 * in it: they come from `userinfo`, since an access token is always issued with it (§5.4).
 */
@Injectable()
export class IdTokens {
  constructor(
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(KeyStore) private readonly keys: KeyStore,
    @Inject(Clock) private readonly clock: Clock = new SystemClock(),
  ) {}

  async mint(req: IdTokenRequest): Promise<string> {
    const { kid, key } = await this.keys.current();
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const claims = {
      auth_time: Math.floor(req.signIn.authTime.getTime() / 1000),
      ...(req.signIn.nonce !== undefined ? { nonce: req.signIn.nonce } : {}),
      at_hash: accessTokenHash(req.accessToken),
      sid: req.signIn.sid,
    };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: SIGNING_ALG, typ: 'JWT', kid })
      .setIssuer(this.env.issuer)
      .setSubject(req.userId)
      .setAudience(req.clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + req.ttlSeconds)
      .sign(key);
  }

  /**
   * An ID token this server signed (signature with a key of its JWKS, issuer, type), expired or
   * not: RP-Initiated Logout 1.0 §2 asks OPs to accept expired ones as hints. Else undefined.
   */
  async verifyHint(token: string): Promise<IdTokenHint | undefined> {
    try {
      const { kid } = decodeProtectedHeader(token);
      const jwk = (await this.keys.jwks()).keys.find((k) => k.kid === kid);
      if (!jwk) return undefined;
      const { payload } = await jwtVerify(token, await importJWK(jwk, SIGNING_ALG), {
        algorithms: [SIGNING_ALG],
        issuer: this.env.issuer,
        typ: 'JWT',
        currentDate: new Date(0),
      });
      const { sub, aud, sid } = payload;
      if (typeof sub !== 'string' || typeof aud !== 'string' || typeof sid !== 'string') {
        return undefined;
      }
      return { sub, clientId: aud, sid };
    } catch {
      return undefined;
    }
  }
}

import { ENDPOINTS_CLAIM } from '@platform/contracts';
import { VerifiedTokenCache } from './verified-token-cache';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** What the gateway knows about a caller once its access token checked out. */
export interface VerifiedToken {
  jti: string;
  clientId: string;
  /** The user, for tokens issued to a user (`sub` differs from `client_id`). */
  userId?: string;
  scopes: string[];
  /**
   * The user's permissions (`003_*`, e.g. `UserManagement`), from the RFC 9068 §2.2.3.1
   * `entitlements` claim (or `permissions`); empty when the token carries none.
   */
  permissions: string[];
  /**
   * An endpoint-limited client access token (`000_*`, `004_*`): the only operations it may call,
   * as `METHOD /path/{template}`. Undefined for every other token: its scopes decide.
   */
  endpoints?: ReadonlySet<string>;
  /** `iat` in milliseconds: oauth keeps fractions so "revoked before T" is exact. */
  issuedAtMs: number;
  expiresAtMs: number;
}

export type TokenProblem = 'invalid' | 'expired';

export class TokenRejected extends Error {
  constructor(
    readonly problem: TokenProblem,
    message: string,
  ) {
    super(message);
    this.name = 'TokenRejected';
  }
}

/**
 * Asymmetric algorithms only: `none` and HMAC (which a public JWKS would turn into a forgery
 * oracle) are never accepted, whatever the token's header says.
 */
const ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'];

export interface VerifierOptions {
  issuer: string;
  /** Seconds of clock skew tolerated on `exp`/`iat`. */
  clockToleranceSeconds?: number;
}

/**
 * RFC 9068 JWT access tokens: signature against oauth's JWKS, `typ: at+jwt`, issuer and expiry.
 * `createRemoteJWKSet` caches the key set and fetches it again when a token names an unknown
 * `kid` (at most once per cooldown), so a key rotation needs no restart.
 */
export class AccessTokenVerifier {
  private readonly cache = new VerifiedTokenCache();

  constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly options: VerifierOptions,
  ) {}

  static remote(jwksUrl: string, options: VerifierOptions): AccessTokenVerifier {
    const keys = createRemoteJWKSet(new URL(jwksUrl), {
      timeoutDuration: 2_000,
      cooldownDuration: 10_000,
      cacheMaxAge: 10 * 60_000,
    });
    return new AccessTokenVerifier(keys, options);
  }

  async verify(token: string): Promise<VerifiedToken> {
    const known = this.cache.get(token);
    if (known) return known;
    const verified = await this.verifySignature(token);
    this.cache.set(token, verified);
    return verified;
  }

  private async verifySignature(token: string): Promise<VerifiedToken> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ALGORITHMS,
        issuer: this.options.issuer,
        typ: 'at+jwt',
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
        requiredClaims: ['exp', 'iat', 'jti', 'sub'],
      }));
    } catch (e) {
      if (e instanceof errors.JWTExpired)
        throw new TokenRejected('expired', 'The access token expired.');
      if (isCallersFault(e)) throw new TokenRejected('invalid', 'The access token is not valid.');
      throw new KeySetUnavailable(e);
    }
    return claimsOf(payload);
  }
}

/** oauth's key set could not be fetched or read: not the caller's fault, so not a 401. */
export class KeySetUnavailable extends Error {
  constructor(cause: unknown) {
    super(
      `the oauth key set is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'KeySetUnavailable';
  }
}

/** Errors that say something about the token itself (RFC 6750 invalid_token). */
const CALLER_FAULTS = [
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
];

function isCallersFault(e: unknown): boolean {
  return CALLER_FAULTS.some((cls) => e instanceof cls);
}

function claimsOf(p: JWTPayload): VerifiedToken {
  const clientId = p['client_id'];
  const scope = p['scope'];
  if (typeof clientId !== 'string' || typeof scope !== 'string' || typeof p.jti !== 'string') {
    throw new TokenRejected('invalid', 'The access token lacks client_id, scope or jti.');
  }
  return {
    jti: p.jti,
    clientId,
    userId: p.sub && p.sub !== clientId ? p.sub : undefined,
    scopes: scope.split(' ').filter(Boolean),
    permissions: stringList(p['entitlements'] ?? p['permissions']),
    ...endpointsOf(p[ENDPOINTS_CLAIM]),
    issuedAtMs: Math.round((p.iat ?? 0) * 1000),
    expiresAtMs: (p.exp ?? 0) * 1000,
  };
}

/** A limit that cannot be read must not become no limit: such a token is refused outright. */
function endpointsOf(claim: unknown): { endpoints?: ReadonlySet<string> } {
  if (claim === undefined) return {};
  if (!Array.isArray(claim) || !claim.every((e) => typeof e === 'string')) {
    throw new TokenRejected(
      'invalid',
      'The access token names its endpoints in a way not understood.',
    );
  }
  return { endpoints: new Set(claim) };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

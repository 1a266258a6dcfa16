import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign as edSign,
} from 'node:crypto';
import { jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { actorId, type CallerContext, type Principal } from './principal';

/** The header that carries the gateway's assertion to a service. */
export const ASSERTION_HEADER = 'x-platform-assertion';
const ISSUER = 'platform-gateway';
const ALG = 'EdDSA';
/** Short enough that a captured assertion is of little use; long enough for clock skew. */
export const ASSERTION_TTL_SECONDS = 60;

interface AssertionClaims {
  cid: string;
  uid?: string;
  scp: string[];
  ctx?: CallerContext;
  tid: string;
  /** Absent from an assertion the gateway reuses (ADR 0020): the service then uses its own request id. */
  rid?: string;
  /** The license of the caller's client (`000_*`), when bound. */
  lic?: string;
}

/** Reads a PEM key given either as is or with `\n` escaped (one-line environment values). */
export function pem(value: string): string {
  return value.includes('\\n') ? value.replace(/\\n/g, '\n') : value;
}

/** The JWS protected header of every assertion, encoded once (RFC 7515 §7.1). */
const ENCODED_HEADER = base64url(JSON.stringify({ alg: ALG, typ: 'platform-assertion+jwt' }));

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * Signs assertions at the gateway (Ed25519). One per audience: the service it is sent to.
 * Built with node:crypto directly rather than jose's SignJWT: the gateway signs one per
 * request, and the generic builder cost about three times the signature itself. The result is
 * an ordinary compact JWS that `AssertionVerifier` (jose) checks.
 */
export class AssertionSigner {
  private readonly key: KeyObject;
  constructor(privateKeyPem: string) {
    this.key = createPrivateKey(pem(privateKeyPem));
  }

  sign(principal: Principal, audience: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: AssertionClaims & {
      iss: string;
      aud: string;
      sub: string;
      iat: number;
      exp: number;
    } = {
      cid: principal.clientId,
      uid: principal.userId,
      scp: principal.scopes,
      ctx: principal.context,
      tid: principal.tokenId,
      rid: principal.requestId || undefined,
      lic: principal.license,
      iss: ISSUER,
      aud: audience,
      sub: actorId(principal),
      iat: now,
      exp: now + ASSERTION_TTL_SECONDS,
    };
    const signingInput = `${ENCODED_HEADER}.${base64url(JSON.stringify(claims))}`;
    const signature = edSign(null, Buffer.from(signingInput, 'ascii'), this.key).toString(
      'base64url',
    );
    return Promise.resolve(`${signingInput}.${signature}`);
  }
}

/** Most assertions a verifier remembers; past this the least recently used is forgotten. */
const VERIFIED_CACHE_MAX = 10_000;

/**
 * Verifies assertions in a service: signature, issuer, audience (this service) and expiry.
 * An assertion whose signature checked out is remembered, by its exact text, until its own `exp`
 * (ADR 0020): the gateway reuses one assertion per caller and service for up to half its life,
 * so a service would otherwise verify the same bytes again on every request. Nothing an attacker
 * sends can hit this cache without being the very string that was verified, and a remembered
 * assertion is never accepted past its expiry.
 */
export class AssertionVerifier {
  private readonly key: KeyObject;
  /** Remembered callers are frozen: each request gets its own deep copy (`copyOf`). */
  private readonly verified = new LRUCache<
    string,
    { principal: Readonly<Principal>; expiresAtMs: number }
  >({ max: VERIFIED_CACHE_MAX });
  constructor(
    publicKeyPem: string,
    private readonly audience: string,
  ) {
    this.key = createPublicKey(pem(publicKeyPem));
  }

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return copyOf(known.principal);
      this.verified.delete(token);
    }
    const { principal, expiresAtMs } = await this.verifySignature(token);
    this.verified.set(token, { principal: frozen(principal), expiresAtMs });
    return copyOf(principal);
  }

  private async verifySignature(
    token: string,
  ): Promise<{ principal: Principal; expiresAtMs: number }> {
    const { payload } = await jwtVerify(token, this.key, {
      algorithms: [ALG],
      issuer: ISSUER,
      audience: this.audience,
      clockTolerance: 5,
      typ: 'platform-assertion+jwt',
    });
    const c = payload as unknown as AssertionClaims;
    if (typeof c.cid !== 'string' || !Array.isArray(c.scp) || typeof c.tid !== 'string') {
      throw new Error('assertion lacks its claims');
    }
    const principal: Principal = {
      clientId: c.cid,
      userId: c.uid,
      scopes: c.scp,
      context: c.ctx,
      tokenId: c.tid,
      // Empty when the gateway reused the assertion: the guard puts the request's own id there.
      requestId: typeof c.rid === 'string' ? c.rid : '',
      ...(typeof c.lic === 'string' ? { license: c.lic } : {}),
    };
    return { principal, expiresAtMs: (payload.exp ?? 0) * 1000 };
  }
}

/**
 * The remembered caller, frozen down to its scopes and context: no service code can change what
 * later requests carrying the same assertion are told.
 */
function frozen(principal: Principal): Readonly<Principal> {
  Object.freeze(principal.scopes);
  if (principal.context) Object.freeze(principal.context);
  return Object.freeze(principal);
}

/** A request's own caller: a copy deep enough that nothing in it is shared with the cache. */
function copyOf(principal: Readonly<Principal>): Principal {
  return {
    ...principal,
    scopes: [...principal.scopes],
    ...(principal.context ? { context: { ...principal.context } } : {}),
  };
}

/** A fresh Ed25519 key pair as PEM, for the launcher's first boot and for tests. */
export function generateAssertionKeys(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

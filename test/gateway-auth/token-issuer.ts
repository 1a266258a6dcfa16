import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

export interface TokenClaims {
  clientId: string;
  userId?: string;
  scopes: string[];
  jti?: string;
  /** Seconds since the epoch; may be fractional (oauth keeps milliseconds). */
  iat?: number;
  exp?: number;
  iss?: string;
  /** Further claims, e.g. `entitlements`. */
  extra?: Record<string, unknown>;
}

/**
 * Stands in for oauth in gateway tests: an ES256 signing key, its JWKS served over HTTP (as
 * `/auth/oauth2/jwks`), and RFC 9068 access tokens shaped like oauth's.
 */
export class TestTokenIssuer {
  readonly kid = `k-${randomUUID()}`;
  jwksRequests = 0;
  private server?: Server;
  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicJwk: JWK,
    readonly issuer: string,
  ) {}

  static async start(issuer: string): Promise<TestTokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const issuerObj = new TestTokenIssuer(privateKey, await exportJWK(publicKey), issuer);
    await issuerObj.listen();
    return issuerObj;
  }

  jwksUrl(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/auth/oauth2/jwks`;
  }

  sign(c: TokenClaims, key: KeyLike = this.privateKey, kid = this.kid): Promise<string> {
    const now = Date.now() / 1000;
    return new SignJWT({
      ...c.extra,
      client_id: c.clientId,
      scope: c.scopes.join(' '),
      iat: c.iat ?? now,
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
      .setJti(c.jti ?? randomUUID())
      .setSubject(c.userId ?? c.clientId)
      .setIssuer(c.iss ?? this.issuer)
      .setAudience(this.issuer)
      .setExpirationTime(c.exp ?? Math.floor(now) + 300)
      .sign(key);
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private listen(): Promise<void> {
    const server = createServer((_req, res) => {
      this.jwksRequests++;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({ keys: [{ ...this.publicJwk, kid: this.kid, alg: 'ES256', use: 'sig' }] }),
      );
    });
    this.server = server;
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  }
}

/** An unsigned token (`alg: none`) with the given claims. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'at+jwt' })}.${enc(claims)}.`;
}

/** The same token with one claim of its payload changed and the original signature kept. */
export function tamper(token: string, change: Record<string, unknown>): string {
  const [header, payload = '', signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const forged = Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url');
  return `${header}.${forged}.${signature}`;
}

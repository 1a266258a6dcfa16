import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/**
 * What the gateway reads at boot from the owners of the truth (ADR 0013): every revocation and
 * access that is still in force, page by page, so that a restart, or a broker that no longer
 * holds the events, never brings a revoked token or access back. Internal routes only
 * (`@Internal(GATEWAY_SNAPSHOT_SCOPE)` in `@platform/auth`); not in the public route table.
 */
export const GatewaySnapshotPaths = {
  /** oauth: revoked token ids and the cut-offs of clients and users. */
  revocations: '/internal/v1/gateway/revocations',
  /** users: the users disabled now. */
  disabledUsers: '/internal/v1/gateway/disabled-users',
  /** authorizations: every access, active or revoked. */
  accesses: '/internal/v1/gateway/accesses',
  /** oauth: the clients bound to a license (`000_*`), with when the binding was last set. */
  clientLicenses: '/internal/v1/gateway/client-licenses',
  /** licensing: every license's validity window and whether it is revoked or expired. */
  licenses: '/internal/v1/gateway/licenses',
  /** oauth: the browser clients (kinds `browser`, `anonymous`) and their redirect URIs (CORS). */
  browserClients: '/internal/v1/gateway/browser-clients',
} as const;

export const SNAPSHOT_DEFAULT_PAGE = 1000;
export const SNAPSHOT_MAX_PAGE = 5000;

/** Keyset paging: `after` is the `next` of the previous page (opaque to the gateway). */
export class SnapshotPageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SNAPSHOT_MAX_PAGE)
  limit?: number;
}

export interface SnapshotPage<T> {
  items: T[];
  /** The cursor of the next page; null on the last one. */
  next: string | null;
}

/**
 * A keyset page of `limit` rows read in key order: their records, and the last row's key as the
 * next cursor while the page is full (a short page is the last one).
 */
export function snapshotPage<R extends { id: string | number }, T>(
  rows: R[],
  limit: number,
  toRecord: (row: R) => T,
): SnapshotPage<T> {
  const last = rows[rows.length - 1];
  return {
    items: rows.map(toRecord),
    next: rows.length === limit && last ? String(last.id) : null,
  };
}

/**
 * One row of oauth's revocation record: a token (`subject` = its `jti`, with `expiresAt`), or
 * every token of a client or user issued before `issuedBefore`. `clientDeleted` marks a
 * client cut-off whose client no longer exists: all its tokens are dead, whenever issued.
 */
export interface RevocationRecord {
  kind: 'token' | 'client' | 'user';
  subject: string;
  issuedBefore: string | null;
  expiresAt: string | null;
  clientDeleted: boolean;
}

export interface DisabledUserRecord {
  id: string;
  disabledAt: string;
}

export interface AccessRecord {
  id: string;
  user: string;
  role: 'admin' | 'technician' | 'user';
  context: { entity: string; database: string };
  active: boolean;
}

/** A client bound to a license; `boundAt` orders it against `client.*` events (latest wins). */
export interface ClientLicenseRecord {
  clientId: string;
  license: string;
  boundAt: string;
}

/**
 * A license as the gateway judges it: valid in [validFrom, validUntil) unless revoked, or
 * declared expired (`expired`, the expiry scheduler's claim). `updatedAt` is the time of the
 * last change, equal to the time of the event that announced it (latest wins).
 */
export interface LicenseRecord {
  id: string;
  entity: string;
  database: string;
  system: string;
  validFrom: string;
  validUntil: string;
  revoked: boolean;
  expired: boolean;
  updatedAt: string;
}

/**
 * A browser client (a public client a web page signs in with): the gateway lets the origins of
 * its redirect URIs call the APIs from a browser (CORS). `updatedAt` orders it against `client.*`
 * events (latest wins).
 */
export interface BrowserClientRecord {
  clientId: string;
  kind: string;
  redirectUris: string[];
  updatedAt: string;
}

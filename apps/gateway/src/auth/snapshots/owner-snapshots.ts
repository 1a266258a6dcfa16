import { Logger } from '@nestjs/common';
import {
  ASSERTION_HEADER,
  AssertionSigner,
  GATEWAY_SNAPSHOT_SCOPE,
  internalAudience,
} from '@platform/auth';
import {
  GatewaySnapshotPaths,
  SNAPSHOT_DEFAULT_PAGE,
  type AccessRecord,
  type BrowserClientRecord,
  type ClientLicenseRecord,
  type DisabledUserRecord,
  type LicenseRecord,
  type RevocationRecord,
  type SnapshotPage,
} from '@platform/contracts';
import { randomUUID } from 'node:crypto';
import type { SecurityProjections } from '../projections/security-projections';
import {
  isAccessRecord,
  isBrowserClientRecord,
  isClientLicenseRecord,
  isDisabledUserRecord,
  isLicenseRecord,
  isRevocationRecord,
} from './snapshot-records';

const PAGE_TIMEOUT_MS = 10_000;

/** Where each owner of the truth listens. */
export interface OwnerUrls {
  oauth: string;
  users: string;
  authorizations: string;
  licensing: string;
}

interface Source<T> {
  service: keyof OwnerUrls;
  path: string;
  isRecord: (value: unknown) => value is T;
  apply: (records: T[]) => void;
}

/**
 * Reads the owners' snapshots (ADR 0013) page by page and applies each page to the views as it
 * arrives, so a large set never sits in memory as one document. Each request carries an
 * assertion the gateway signs for the owner's internal audience with the snapshot scope, which
 * no caller's token can ever produce.
 */
export class OwnerSnapshots {
  private readonly logger = new Logger('OwnerSnapshots');

  constructor(
    private readonly urls: OwnerUrls,
    private readonly signer: AssertionSigner,
    private readonly projections: SecurityProjections,
  ) {}

  /** Loads them all; throws (naming the owner) when one cannot be read completely. */
  async load(): Promise<void> {
    const started = Date.now();
    const p = this.projections;
    const counts = await Promise.all([
      this.loadOne<RevocationRecord>({
        service: 'oauth',
        path: GatewaySnapshotPaths.revocations,
        isRecord: isRevocationRecord,
        apply: (r) => p.applyRevocations(r),
      }),
      this.loadOne<DisabledUserRecord>({
        service: 'users',
        path: GatewaySnapshotPaths.disabledUsers,
        isRecord: isDisabledUserRecord,
        apply: (r) => p.applyDisabledUsers(r),
      }),
      this.loadOne<AccessRecord>({
        service: 'authorizations',
        path: GatewaySnapshotPaths.accesses,
        isRecord: isAccessRecord,
        apply: (r) => p.applyAccesses(r),
      }),
      this.loadOne<ClientLicenseRecord>({
        service: 'oauth',
        path: GatewaySnapshotPaths.clientLicenses,
        isRecord: isClientLicenseRecord,
        apply: (r) => p.applyClientLicenses(r),
      }),
      this.loadOne<LicenseRecord>({
        service: 'licensing',
        path: GatewaySnapshotPaths.licenses,
        isRecord: isLicenseRecord,
        apply: (r) => p.applyLicenses(r),
      }),
      this.loadOne<BrowserClientRecord>({
        service: 'oauth',
        path: GatewaySnapshotPaths.browserClients,
        isRecord: isBrowserClientRecord,
        apply: (r) => p.applyBrowserClients(r),
      }),
    ]);
    this.logger.log(
      `snapshots loaded in ${Date.now() - started} ms: ${counts[0]} revocations, ` +
        `${counts[1]} disabled users, ${counts[2]} accesses, ${counts[3]} bound clients, ` +
        `${counts[4]} licenses, ${counts[5]} browser clients`,
    );
  }

  private async loadOne<T>(source: Source<T>): Promise<number> {
    let after: string | null = null;
    let count = 0;
    do {
      const page: SnapshotPage<unknown> = await this.fetchPage(source, after);
      const records = page.items.filter(source.isRecord);
      if (records.length !== page.items.length) {
        this.logger.warn(
          `${source.service}: ${page.items.length - records.length} bad records skipped`,
        );
      }
      source.apply(records);
      count += records.length;
      after = page.next;
    } while (after !== null);
    return count;
  }

  private async fetchPage<T>(
    source: Source<T>,
    after: string | null,
  ): Promise<SnapshotPage<unknown>> {
    const requestId = randomUUID();
    const assertion = await this.signer.sign(
      { clientId: 'gateway', scopes: [GATEWAY_SNAPSHOT_SCOPE], tokenId: 'internal', requestId },
      internalAudience(source.service),
    );
    const query = new URLSearchParams({ limit: String(SNAPSHOT_DEFAULT_PAGE) });
    if (after !== null) query.set('after', after);
    const url = `${this.urls[source.service]}${source.path}?${query.toString()}`;
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { [ASSERTION_HEADER]: assertion, 'x-request-id': requestId },
        signal: AbortSignal.timeout(PAGE_TIMEOUT_MS),
      });
    } catch (e) {
      throw new Error(`${source.service} unreachable: ${reasonOf(e)}`);
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new Error(`${source.service} answered ${res.status} to ${source.path}`);
    }
    const body = (await res.json()) as Partial<SnapshotPage<unknown>>;
    if (!Array.isArray(body.items) || (body.next !== null && typeof body.next !== 'string')) {
      throw new Error(`${source.service}: ${source.path} is not a snapshot page`);
    }
    return { items: body.items, next: body.next };
  }
}

function reasonOf(e: unknown): string {
  const error = (e ?? {}) as { message?: string; cause?: { code?: string } };
  return error.cause?.code ?? error.message ?? String(e);
}

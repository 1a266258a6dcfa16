import type { BrowserClientRecord } from '@platform/contracts';

/** The public clients a web page signs in with (`002_*` browser and anonymous credentials). */
const BROWSER_KINDS = new Set(['browser', 'anonymous']);

interface KnownClient {
  origins: string[];
  atMs: number;
}

/** The origin (RFC 6454) of each http(s) redirect URI; other schemes have no web origin. */
function originsOf(uris: string[]): string[] {
  const origins = new Set<string>();
  for (const uri of uris) {
    try {
      const url = new URL(uri);
      if (url.protocol === 'https:' || url.protocol === 'http:') origins.add(url.origin);
    } catch {
      // Not a URL: oauth validates redirect URIs, so nothing to allow.
    }
  }
  return [...origins];
}

/**
 * The web origins that may call the APIs from a browser (CORS): those of the redirect URIs of
 * every registered browser client, in memory — rebuilt at boot from oauth's snapshot and kept
 * current by `client.*` events, like the gateway's other views (ADR 13), so no request waits on
 * oauth. A client's news is last-writer-wins by time; a deletion sticks.
 */
export class BrowserOriginsView {
  private readonly clients = new Map<string, KnownClient>();
  private readonly deleted = new Set<string>();
  /** How many browser clients name each origin. */
  private readonly counts = new Map<string, number>();

  /** `client.created` / `client.updated` (whole state); an event without URIs teaches nothing. */
  clientChanged(clientId: string, kind: string, uris: string[] | undefined, atMs: number): void {
    if (uris === undefined || this.deleted.has(clientId)) return;
    const at = Number.isNaN(atMs) ? -Infinity : atMs;
    const known = this.clients.get(clientId);
    if (known && at < known.atMs) return;
    this.set(clientId, { origins: BROWSER_KINDS.has(kind) ? originsOf(uris) : [], atMs: at });
  }

  clientDeleted(clientId: string): void {
    this.deleted.add(clientId);
    this.set(clientId, undefined);
  }

  applyRecord(r: BrowserClientRecord): void {
    this.clientChanged(r.clientId, r.kind, r.redirectUris, Date.parse(r.updatedAt));
  }

  allows(origin: string): boolean {
    return (this.counts.get(origin) ?? 0) > 0;
  }

  private set(clientId: string, next: KnownClient | undefined): void {
    for (const o of this.clients.get(clientId)?.origins ?? []) {
      const left = (this.counts.get(o) ?? 1) - 1;
      if (left > 0) this.counts.set(o, left);
      else this.counts.delete(o);
    }
    if (!next) {
      this.clients.delete(clientId);
      return;
    }
    this.clients.set(clientId, next);
    for (const o of next.origins) this.counts.set(o, (this.counts.get(o) ?? 0) + 1);
  }
}

import type { ClientLicenseRecord, LicensePayload, LicenseRecord } from '@platform/contracts';

/** Why a bound client's license does not let it in (spec §4 `validate` codes). */
export type LicenseProblem = 'NOT_FOUND' | 'EXPIRED' | 'REVOKED' | 'NOT_YET_VALID';

export interface LicenseRefusal {
  license: string;
  code: LicenseProblem;
}

interface Binding {
  /** `undefined`: the latest news says the client is not bound. */
  license: string | undefined;
  atMs: number;
}

interface KnownLicense {
  validFromMs: number;
  validUntilMs: number;
  /** When the dates were set: the latest change wins, whatever order the news arrives in. */
  atMs: number;
  /** A license is never un-revoked (licensing refuses to change a revoked one). */
  revoked: boolean;
  /** The `validUntil` licensing declared expired (`license.expired`): expired while it stands. */
  expiredUntilMs: number;
}

/**
 * Which license each client's access is bound to and whether that license is valid now
 * (`000_*`: every request identifies the license responsible for it), in memory: rebuilt at boot
 * from oauth's and licensing's snapshots and kept current by `client.*` and `license.*` events
 * (ADR 16). Validity in time is judged against the clock on every request, so an expiry holds
 * at `validUntil` even when `license.expired` is late. Applying news twice or out of order gives
 * the same view: bindings and dates are last-writer-wins by time, revocation and deletion stick.
 */
export class LicenseView {
  private readonly bindings = new Map<string, Binding>();
  private readonly deletedClients = new Set<string>();
  private readonly licenses = new Map<string, KnownLicense>();

  /** `client.created` / `client.updated` carry the client's whole state, binding included. */
  clientChanged(clientId: string, license: string | undefined, atMs: number): void {
    if (this.deletedClients.has(clientId)) return;
    const known = this.bindings.get(clientId);
    const at = timeOrEarliest(atMs);
    if (known && at < known.atMs) return;
    this.bindings.set(clientId, { license, atMs: at });
  }

  clientDeleted(clientId: string): void {
    this.deletedClients.add(clientId);
    this.bindings.delete(clientId);
  }

  applyClientRecord(r: ClientLicenseRecord): void {
    this.clientChanged(r.clientId, r.license, Date.parse(r.boundAt));
  }

  /** `license.created` / `license.updated`: new dates. */
  licenseChanged(p: LicensePayload, atMs: number): void {
    this.setDates(p.id, Date.parse(p.validFrom), Date.parse(p.validUntil), atMs);
  }

  licenseRevoked(p: LicensePayload, atMs: number): void {
    this.setDates(p.id, Date.parse(p.validFrom), Date.parse(p.validUntil), atMs).revoked = true;
  }

  /** `license.expired`: licensing's clock says it ended, whatever this gateway's clock says. */
  licenseExpired(p: LicensePayload, atMs: number): void {
    const until = Date.parse(p.validUntil);
    const known = this.setDates(p.id, Date.parse(p.validFrom), until, atMs);
    known.expiredUntilMs = Math.max(known.expiredUntilMs, until);
  }

  applyLicenseRecord(r: LicenseRecord): void {
    const until = Date.parse(r.validUntil);
    const known = this.setDates(r.id, Date.parse(r.validFrom), until, Date.parse(r.updatedAt));
    if (r.revoked) known.revoked = true;
    if (r.expired) known.expiredUntilMs = Math.max(known.expiredUntilMs, until);
  }

  /** The license a client is bound to, if any. */
  licenseOf(clientId: string): string | undefined {
    return this.bindings.get(clientId)?.license;
  }

  /** Why a bound client is refused now; `undefined` when it is not bound or its license is valid. */
  check(clientId: string, nowMs: number): LicenseRefusal | undefined {
    const license = this.bindings.get(clientId)?.license;
    if (license === undefined) return undefined;
    const code = this.codeOf(license, nowMs);
    return code === undefined ? undefined : { license, code };
  }

  get size(): number {
    return this.bindings.size + this.licenses.size;
  }

  private codeOf(id: string, nowMs: number): LicenseProblem | undefined {
    const l = this.licenses.get(id);
    if (!l || Number.isNaN(l.validFromMs)) return 'NOT_FOUND';
    if (l.revoked) return 'REVOKED';
    if (nowMs < l.validFromMs) return 'NOT_YET_VALID';
    if (nowMs >= l.validUntilMs || l.expiredUntilMs === l.validUntilMs) return 'EXPIRED';
    return undefined;
  }

  /** Dates are last-writer-wins; unreadable dates are ignored (a bad record changes nothing). */
  private setDates(id: string, fromMs: number, untilMs: number, atMs: number): KnownLicense {
    let known = this.licenses.get(id);
    if (!known) {
      known = {
        validFromMs: NaN,
        validUntilMs: NaN,
        atMs: -Infinity,
        revoked: false,
        expiredUntilMs: -Infinity,
      };
      this.licenses.set(id, known);
    }
    const readable = !Number.isNaN(fromMs) && !Number.isNaN(untilMs);
    const at = timeOrEarliest(atMs);
    if (readable && at >= known.atMs) {
      Object.assign(known, { validFromMs: fromMs, validUntilMs: untilMs, atMs: at });
    }
    return known;
  }
}

/** News without a readable time loses to any news with one. */
const timeOrEarliest = (ms: number): number => (Number.isNaN(ms) ? -Infinity : ms);

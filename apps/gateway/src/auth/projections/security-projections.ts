import { Logger } from '@nestjs/common';
import {
  AccessGranted,
  AccessRevoked,
  ClientCreated,
  ClientDeleted,
  ClientSecretRotated,
  ClientUpdated,
  LicenseCreated,
  LicenseExpired,
  LicenseRevoked,
  LicenseUpdated,
  TokenRevoked,
  UserDisabled,
  UserUpdated,
  validatePayload,
  type AccessRecord,
  type BrowserClientRecord,
  type ClientLicenseRecord,
  type DisabledUserRecord,
  type EventDefinition,
  type EventEnvelope,
  type LicenseRecord,
  type RevocationRecord,
} from '@platform/contracts';
import { AccessView } from './access-view';
import { BrowserOriginsView } from './browser-origins-view';
import { LicenseView } from './license-view';
import { RevocationView } from './revocation-view';

type Apply = (event: EventEnvelope<unknown>, timeMs: number) => void;
export type ViewsChanged = () => void;

/**
 * Feeds the gateway's in-memory views from the owners' snapshots and from domain events. Every
 * handler is idempotent and order-insensitive, so a snapshot and the events around it (before,
 * during or after it was read) give the same state whatever order they are applied in.
 * Listeners hear of every change (open streams are checked again, ADR 0013).
 */
export class SecurityProjections {
  private readonly logger = new Logger('SecurityProjections');
  readonly revocations = new RevocationView();
  readonly accesses = new AccessView();
  readonly licenses = new LicenseView();
  readonly browserOrigins = new BrowserOriginsView();
  private readonly handlers = new Map<string, Apply>();
  private readonly listeners = new Set<ViewsChanged>();

  constructor() {
    this.on(TokenRevoked, (p, t) => this.revocations.tokenRevoked(p, t));
    this.on(ClientSecretRotated, (p, t) => this.revocations.secretRotated(p, t));
    this.on(ClientDeleted, (p) => {
      this.revocations.clientDeleted(p);
      this.licenses.clientDeleted(p.clientId);
      this.browserOrigins.clientDeleted(p.clientId);
    });
    this.on(ClientCreated, (p, t) => {
      this.licenses.clientChanged(p.clientId, p.license, t);
      this.browserOrigins.clientChanged(p.clientId, p.kind, p.redirectUris, t);
    });
    this.on(ClientUpdated, (p, t) => {
      this.licenses.clientChanged(p.clientId, p.license, t);
      this.browserOrigins.clientChanged(p.clientId, p.kind, p.redirectUris, t);
    });
    this.on(LicenseCreated, (p, t) => this.licenses.licenseChanged(p, t));
    this.on(LicenseUpdated, (p, t) => this.licenses.licenseChanged(p, t));
    this.on(LicenseExpired, (p, t) => this.licenses.licenseExpired(p, t));
    this.on(LicenseRevoked, (p, t) => this.licenses.licenseRevoked(p, t));
    this.on(UserDisabled, (p, t) => this.revocations.userDisabledAt(p, t));
    this.on(UserUpdated, (p, t) => this.revocations.userStatusChanged(p.id, p.status, t));
    this.on(AccessGranted, (p) => this.accesses.granted(p));
    this.on(AccessRevoked, (p) => this.accesses.revokedAccess(p));
  }

  /** The event types (and so the topics) the gateway listens to. */
  definitions(): EventDefinition[] {
    return [
      TokenRevoked,
      ClientSecretRotated,
      ClientDeleted,
      UserDisabled,
      UserUpdated,
      AccessGranted,
      AccessRevoked,
      ClientCreated,
      ClientUpdated,
      LicenseCreated,
      LicenseUpdated,
      LicenseExpired,
      LicenseRevoked,
    ];
  }

  /** Applies one event; other types on the same topics are ignored, bad payloads logged and skipped. */
  apply(event: EventEnvelope<unknown>): void {
    const handler = this.handlers.get(event.type);
    if (!handler) return;
    const time = Date.parse(event.time);
    try {
      handler(event, Number.isNaN(time) ? Date.now() : time);
    } catch (e) {
      this.logger.error(`skipped ${event.type} ${event.id}: ${(e as Error).message}`);
      return;
    }
    this.changed();
  }

  /** A page of oauth's revocation snapshot. */
  applyRevocations(records: RevocationRecord[]): void {
    for (const r of records) this.revocations.applyRecord(r);
    this.changed();
  }

  /** A page of users' snapshot: each user disabled now, since when. */
  applyDisabledUsers(records: DisabledUserRecord[]): void {
    for (const r of records) this.revocations.userDisabledAt(r, Date.now());
    this.changed();
  }

  /** A page of authorizations' snapshot. */
  applyAccesses(records: AccessRecord[]): void {
    for (const r of records) this.accesses.applyRecord(r);
    this.changed();
  }

  /** A page of oauth's client-license snapshot: the clients bound to a license. */
  applyClientLicenses(records: ClientLicenseRecord[]): void {
    for (const r of records) this.licenses.applyClientRecord(r);
    this.changed();
  }

  /** A page of licensing's snapshot: every license's dates and state. */
  applyLicenses(records: LicenseRecord[]): void {
    for (const r of records) this.licenses.applyLicenseRecord(r);
    this.changed();
  }

  /** A page of oauth's browser-client snapshot: their redirect URIs' origins (CORS). */
  applyBrowserClients(records: BrowserClientRecord[]): void {
    for (const r of records) this.browserOrigins.applyRecord(r);
    this.changed();
  }

  /** Calls `listener` after every change; returns the way to stop. */
  onChange(listener: ViewsChanged): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (e) {
        this.logger.error(`a view listener failed: ${(e as Error).message}`);
      }
    }
  }

  private on<T extends object>(
    def: EventDefinition<T>,
    handle: (payload: T, timeMs: number) => void,
  ): void {
    this.handlers.set(def.type, (event, timeMs) =>
      handle(validatePayload(def, event.data), timeMs),
    );
  }
}

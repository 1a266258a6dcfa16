import { Logger } from '@nestjs/common';
import {
  AccessGranted,
  AccessRevoked,
  ClientDeleted,
  ClientSecretRotated,
  TokenRevoked,
  UserDisabled,
  UserUpdated,
  validatePayload,
  type AccessRecord,
  type DisabledUserRecord,
  type EventDefinition,
  type EventEnvelope,
  type RevocationRecord,
} from '@platform/contracts';
import { AccessView } from './access-view';
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
  private readonly handlers = new Map<string, Apply>();
  private readonly listeners = new Set<ViewsChanged>();

  constructor() {
    this.on(TokenRevoked, (p, t) => this.revocations.tokenRevoked(p, t));
    this.on(ClientSecretRotated, (p, t) => this.revocations.secretRotated(p, t));
    this.on(ClientDeleted, (p) => this.revocations.clientDeleted(p));
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

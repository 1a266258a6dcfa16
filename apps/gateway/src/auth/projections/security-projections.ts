import { Logger } from '@nestjs/common';
import {
  AccessGranted,
  AccessRevoked,
  ClientDeleted,
  ClientSecretRotated,
  TokenRevoked,
  UserDisabled,
  validatePayload,
  type EventDefinition,
  type EventEnvelope,
} from '@platform/contracts';
import { AccessView } from './access-view';
import { RevocationView } from './revocation-view';

type Apply = (event: EventEnvelope<unknown>, timeMs: number) => void;

/**
 * Feeds the gateway's in-memory views from domain events. Every handler is idempotent and
 * order-insensitive, so replaying a topic from its start (at boot) rebuilds the same state.
 */
export class SecurityProjections {
  private readonly logger = new Logger('SecurityProjections');
  readonly revocations = new RevocationView();
  readonly accesses = new AccessView();
  private readonly handlers = new Map<string, Apply>();

  constructor() {
    this.on(TokenRevoked, (p, t) => this.revocations.tokenRevoked(p, t));
    this.on(ClientSecretRotated, (p, t) => this.revocations.secretRotated(p, t));
    this.on(ClientDeleted, (p) => this.revocations.clientDeleted(p));
    this.on(UserDisabled, (p, t) => this.revocations.userDisabledAt(p, t));
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

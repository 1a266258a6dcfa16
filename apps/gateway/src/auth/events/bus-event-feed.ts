import type { InProcessBus } from '@platform/messaging';
import type { SecurityProjections } from '../projections/security-projections';
import { SecurityEventFeed } from './event-feed';

export const GATEWAY_AUTH_GROUP = 'gateway-auth';

/**
 * `npm start` mode: the in-process bus hands the gateway every event of the types it names, as
 * a consumer group without an inbox (the views are idempotent, so redelivery is harmless). The
 * bus holds no history: what happened before this boot comes from the owners' snapshots (ADR 13).
 */
export class BusEventFeed extends SecurityEventFeed {
  constructor(
    private readonly bus: InProcessBus,
    private readonly projections: SecurityProjections,
  ) {
    super();
  }

  start(): Promise<void> {
    const types = this.projections.definitions().map((d) => d.type);
    this.bus.register(GATEWAY_AUTH_GROUP, types, (_topic, event) => {
      this.projections.apply(event);
      return Promise.resolve();
    });
    return Promise.resolve();
  }

  isCaughtUp(): boolean {
    return true;
  }

  stop(): Promise<void> {
    this.bus.unregister(GATEWAY_AUTH_GROUP);
    return Promise.resolve();
  }
}

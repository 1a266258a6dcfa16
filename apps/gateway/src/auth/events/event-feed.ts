/**
 * Where the gateway hears about revocations and accesses as they happen. No inbox: its views are
 * in memory, loaded at every boot from the owners' snapshots (ADR 13) and kept current by this.
 */
export abstract class SecurityEventFeed {
  abstract start(): Promise<void>;
  /** True once it hears every event from its boot on (what came before is in the snapshots). */
  abstract isCaughtUp(): boolean;
  abstract stop(): Promise<void>;

  /** Waits (polling cheaply) until caught up; false when `timeoutMs` passed first. */
  async waitCaughtUp(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.isCaughtUp()) {
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 25));
    }
    return true;
  }
}

/** No broker and no bus (a lone gateway in development or a test): nothing to hear. */
export class NoEventFeed extends SecurityEventFeed {
  start(): Promise<void> {
    return Promise.resolve();
  }
  isCaughtUp(): boolean {
    return true;
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
}

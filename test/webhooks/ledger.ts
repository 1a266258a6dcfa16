import { startReceiver, type Received, type Receiver } from './harness';

/**
 * What a receiver accepted, per subscription path and event id, to check at-least-once: every
 * owed (path, event) arrived, nothing else did, and repeats are the same event (same id, same body).
 */
export class DeliveryLedger {
  private readonly byKey = new Map<string, string[]>();

  record(r: Received): void {
    const id = r.headers['webhook-id'] ?? '?';
    const key = `${r.path} ${id}`;
    const bodies = this.byKey.get(key) ?? [];
    bodies.push(r.body);
    this.byKey.set(key, bodies);
  }

  deliveredCount(): number {
    return this.byKey.size;
  }

  check(expected: Map<string, string[]>): {
    missing: string[];
    unexpected: string[];
    conflicting: string[];
    redeliveries: number;
  } {
    const owed = new Set<string>();
    for (const [id, paths] of expected) for (const p of paths) owed.add(`${p} ${id}`);
    const missing = [...owed].filter((k) => !this.byKey.has(k));
    const unexpected = [...this.byKey.keys()].filter((k) => !owed.has(k));
    let redeliveries = 0;
    const conflicting: string[] = [];
    for (const [key, bodies] of this.byKey) {
      redeliveries += bodies.length - 1;
      const id = key.split(' ')[1] ?? '';
      const ids = new Set(bodies.map((b) => (JSON.parse(b) as { id: string }).id));
      if (new Set(bodies).size > 1 || ids.size !== 1 || !ids.has(id)) conflicting.push(key);
    }
    return { missing, unexpected, conflicting, redeliveries };
  }
}

/** A receiver that fails 20 % of calls at random (500) and records each one it accepts in `ledger`. */
export function flakyReceiver(ledger: DeliveryLedger): Promise<Receiver> {
  return startReceiver((r, res) => {
    if (Math.random() < 0.2) return void res.writeHead(500).end();
    ledger.record(r);
    res.writeHead(200).end();
  });
}

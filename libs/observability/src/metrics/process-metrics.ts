import { collectDefaultMetrics, Registry } from 'prom-client';

let registry: Registry | undefined;

/**
 * Process and runtime series (CPU, memory, handles, event-loop delay, GC), collected once per
 * process whatever the number of apps in it: under `npm start` they describe the one process all
 * apps share, so every app's scrape shows the same values (they carry no `service` label).
 */
export function processMetrics(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry });
  }
  return registry;
}

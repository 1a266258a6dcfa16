import type { Env } from '@platform/config';

/**
 * What a launcher hands an app: its environment and, in the single-process embedded mode,
 * the shared in-process bus (typed loosely here; see `InProcessBus`).
 */
export interface ServiceRuntime {
  env: Env;
  bus?: unknown;
}

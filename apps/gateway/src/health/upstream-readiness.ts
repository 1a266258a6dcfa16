import { Injectable, OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@platform/http';
import { GatewayEnv } from '../config';

/** Less than the registry's own limit, so a slow service is reported as such, by name. */
const CHECK_TIMEOUT_MS = 1_500;

/**
 * The gateway is ready only when every service is (spec §1): one readiness check per service,
 * each asking the service's own `/health/ready`. The registry runs them in parallel.
 */
@Injectable()
export class UpstreamReadiness implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly config: GatewayEnv,
  ) {}

  onModuleInit(): void {
    for (const [service, url] of Object.entries(this.config.serviceUrls())) {
      this.registry.register(service, () => checkReady(`${url}/health/ready`));
    }
  }
}

export async function checkReady(url: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
  } catch (e) {
    throw new Error(`unreachable (${reasonOf(e)})`);
  }
  await res.body?.cancel();
  if (res.status !== 200) throw new Error(`answered ${res.status}`);
}

/** fetch says only "fetch failed"; the useful part (ECONNREFUSED, timeout) is in its cause. */
function reasonOf(e: unknown): string {
  const error = (e ?? {}) as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (error.name === 'TimeoutError') return `no answer within ${CHECK_TIMEOUT_MS} ms`;
  return error.cause?.code ?? error.cause?.message ?? error.message ?? String(e);
}

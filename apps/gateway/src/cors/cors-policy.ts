import type { BrowserOriginsView } from '../auth/projections/browser-origins-view';
import type { OriginPolicy } from './cors';

/**
 * The origins allowed to call the APIs from a browser: the platform's own (PUBLIC_URL), those
 * named in CORS_ORIGINS, and those of every registered browser client's redirect URIs (the
 * gateway's view of oauth's clients: a client registered now is allowed within a second).
 */
export class GatewayCorsPolicy implements OriginPolicy {
  private readonly fixed: Set<string>;

  constructor(
    publicUrl: string,
    configured: string[],
    private readonly browserClients: Pick<BrowserOriginsView, 'allows'>,
  ) {
    this.fixed = new Set([new URL(publicUrl).origin, ...configured]);
  }

  allows(origin: string): boolean {
    return this.fixed.has(origin) || this.browserClients.allows(origin);
  }
}

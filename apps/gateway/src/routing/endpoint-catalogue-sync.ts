import { Logger } from '@nestjs/common';
import type { OpenApiCatalog } from '../docs/openapi-catalog';
import type { EndpointCatalogue } from './endpoint-catalogue';

/** Services change their documents only on deploy: a minute is soon enough to notice. */
const REFRESH_MS = 60_000;
/** Until every service's document is in (a service still booting), ask again soon. */
const INCOMPLETE_REFRESH_MS = 5_000;

/**
 * Keeps the endpoint catalogue compiled from the composed OpenAPI document, off the request path:
 * at boot, then every minute (every 5 s while a service's document is missing).
 */
export class EndpointCatalogueSync {
  private readonly logger = new Logger('EndpointCatalogueSync');
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly documents: OpenApiCatalog,
    private readonly catalogue: EndpointCatalogue,
  ) {}

  start(): void {
    void this.refresh();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  async refresh(): Promise<void> {
    try {
      this.catalogue.load(await this.documents.document());
    } catch (e) {
      this.logger.warn(`the composed OpenAPI document is unavailable: ${(e as Error).message}`);
    }
    if (this.stopped) return;
    const delay = this.catalogue.isComplete ? REFRESH_MS : INCOMPLETE_REFRESH_MS;
    this.timer = setTimeout(() => void this.refresh(), delay);
    this.timer.unref();
  }
}

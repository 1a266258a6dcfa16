import { Injectable, Logger } from '@nestjs/common';
import { GatewayEnv } from '../config';
import type { ServiceName } from '../routing/route-table';
import { composeOpenApi, type ServiceDocument } from './compose-openapi';

const FETCH_TIMEOUT_MS = 3_000;
/** Services change their documents only on deploy; a short cache spares them a fetch per view. */
const FRESH_MS = 30_000;
/** A partial document is retried sooner, so a service that was booting shows up quickly. */
const PARTIAL_FRESH_MS = 3_000;

/** The composed OpenAPI document, fetched from every service's `/openapi.json`. */
@Injectable()
export class OpenApiCatalog {
  private readonly logger = new Logger(OpenApiCatalog.name);
  private cached?: { document: Record<string, unknown>; until: number };
  private inFlight?: Promise<Record<string, unknown>>;

  constructor(private readonly config: GatewayEnv) {}

  async document(): Promise<Record<string, unknown>> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.document;
    this.inFlight ??= this.build().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async build(): Promise<Record<string, unknown>> {
    const entries = Object.entries(this.config.serviceUrls()) as [ServiceName, string][];
    const fetched = await Promise.all(entries.map(([service, url]) => this.fetchOne(service, url)));
    const documents = fetched.filter((d): d is ServiceDocument => d !== undefined);
    const unavailable = entries.filter((_, i) => !fetched[i]).map(([service]) => service);
    const document = composeOpenApi(documents, {
      publicUrl: this.config.publicUrl(),
      version: '0.1.0',
      unavailable,
    });
    const ttl = unavailable.length > 0 ? PARTIAL_FRESH_MS : FRESH_MS;
    this.cached = { document, until: Date.now() + ttl };
    return document;
  }

  private async fetchOne(service: ServiceName, url: string): Promise<ServiceDocument | undefined> {
    try {
      const res = await fetch(`${url}/openapi.json`, {
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`answered ${res.status}`);
      return { service, document: (await res.json()) as Record<string, unknown> };
    } catch (e) {
      this.logger.warn(
        `no OpenAPI document from ${service}: ${e instanceof Error ? e.message : String(e)}`,
      );
      return undefined;
    }
  }
}

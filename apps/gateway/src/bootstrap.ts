import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@platform/http';
import type { ServiceRuntime } from '@platform/messaging';
import { AppModule } from './app.module';
import { SecurityProjections } from './auth/projections/security-projections';
import { GatewayEnv } from './config';
import { GATEWAY } from './config.module';
import { installCors } from './cors/cors';
import { GatewayCorsPolicy } from './cors/cors-policy';
import { GatewayProxy } from './proxy/gateway-proxy';

export const SERVICE = GATEWAY;

/** Builds the gateway; the caller listens. Used by main.ts, the launcher and tests. */
export async function createApp(runtime: ServiceRuntime): Promise<NestFastifyApplication> {
  // Its port is public: its own metrics are served on METRICS_PORT (GatewayMetricsModule).
  const app = await createServiceApp(AppModule.forRoot(runtime), { metricsOnAppPort: false });
  const config = app.get(GatewayEnv);
  const origins = app.get(SecurityProjections).browserOrigins;
  const cors = new GatewayCorsPolicy(config.publicUrl(), config.corsOrigins(), origins);
  installCors(app.getHttpAdapter().getInstance(), cors);
  // Proxied requests are answered in front of Fastify on the same listener (ADR 0023); the rest
  // by a plain Fastify route, not a Nest controller: bodies must stream through unparsed.
  app.get(GatewayProxy).install(app.getHttpAdapter().getInstance(), cors);
  return app;
}

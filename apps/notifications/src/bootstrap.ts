import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@platform/http';
import { ServiceRuntime } from '@platform/messaging';
import { AppModule } from './app.module';
import pluginMetadata from './openapi-metadata';

export const SERVICE = 'notifications';

/** Builds the notifications app; the caller listens. Used by main.ts, the launcher and tests. */
export function createApp(runtime: ServiceRuntime): Promise<NestFastifyApplication> {
  return createServiceApp(AppModule.forRoot(runtime), {
    openapi: { title: 'notifications', pluginMetadata },
  });
}

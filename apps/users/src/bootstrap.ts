import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@platform/http';
import { ServiceRuntime } from '@platform/messaging';
import { AppModule } from './app.module';
import pluginMetadata from './openapi-metadata';
import { acceptPhotoBodies } from './usuarios/photo/photo-body';

export const SERVICE = 'users';

/** Builds the users app; the caller listens. Used by main.ts, the launcher and tests. */
export async function createApp(runtime: ServiceRuntime): Promise<NestFastifyApplication> {
  const app = await createServiceApp(AppModule.forRoot(runtime), {
    openapi: { title: 'users', pluginMetadata },
  });
  acceptPhotoBodies(app);
  return app;
}

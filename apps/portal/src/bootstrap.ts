import fastifyCookie from '@fastify/cookie';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@platform/http';
import { AppModule, type PortalRuntime } from './app.module';
import { PortalEnv } from './config';
import { serveSpa, webDir } from './spa/spa-assets';

export const SERVICE = 'portal';

/** Builds the portal (BFF and the built SPA); the caller listens. Used by main.ts, the launcher and tests. */
export async function createApp(runtime: PortalRuntime): Promise<NestFastifyApplication> {
  const app = await createServiceApp(AppModule.forRoot(runtime));
  const env = app.get(PortalEnv);
  await app.register(fastifyCookie);
  await serveSpa(app, webDir(env.PORTAL_WEB_DIR));
  return app;
}

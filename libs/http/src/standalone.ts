import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { listen } from './service-app';

/** Boots one app as its own process; a bad configuration ends it with the message and exit 1. */
export async function runStandalone(
  service: string,
  create: () => Promise<NestFastifyApplication>,
): Promise<void> {
  try {
    const app = await create();
    await listen(app, service);
  } catch (e) {
    process.stderr.write(`${service}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}

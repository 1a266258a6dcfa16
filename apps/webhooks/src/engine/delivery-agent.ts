import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Agent } from 'undici';
import { WebhooksEnv } from '../config';
import { createDeliveryAgent } from './guarded-agent';

/** The one connection pool of outgoing webhook traffic (SSRF-guarded unless the env allows). */
@Injectable()
export class DeliveryAgent implements OnApplicationShutdown {
  readonly agent: Agent;

  constructor(env: WebhooksEnv) {
    this.agent = createDeliveryAgent(env.allowPrivateNetworks, env.WEBHOOKS_CONCURRENCY);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.destroy();
  }
}

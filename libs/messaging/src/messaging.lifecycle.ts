import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_NAME } from '@platform/config';
import { ReadinessRegistry } from '@platform/http';
import { EventProcessor, errorText } from './consumer/event-processor';
import { HandlerDiscovery } from './consumer/handler-discovery';
import { DEFAULT_RELAY_BACKOFF, retryPolicy, sleep } from './consumer/retry-policy';
import { MessagingMetrics } from './messaging.metrics';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { OutboxRelay } from './outbox/outbox-relay';
import { MessageTransport, type ConsumerRegistration } from './transport';

/** Wires the service's consumer and outbox relay to its transport and runs them with the app. */
@Injectable()
export class MessagingLifecycle
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('messaging');
  private readonly relay: OutboxRelay;
  private registration?: ConsumerRegistration;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MessageTransport,
    private readonly discovery: HandlerDiscovery,
    private readonly readiness: ReadinessRegistry,
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly metrics: MessagingMetrics,
  ) {
    const { backoff, ...relay } = options.relay ?? {};
    const relayOptions = {
      pollIntervalMs: 50,
      batchSize: 500,
      leaderRetryMs: 1_000,
      ...relay,
      backoff: retryPolicy(backoff, DEFAULT_RELAY_BACKOFF),
    };
    this.relay = new OutboxRelay(dataSource, transport, service, relayOptions, metrics);
  }

  /** The bus needs every group registered before `bus.start()`, i.e. while the apps boot. */
  async onModuleInit(): Promise<void> {
    const handlers = this.discovery.discover();
    const processor = new EventProcessor(
      this.dataSource,
      this.service,
      handlers,
      retryPolicy(this.options.retry),
      this.metrics,
    );
    this.registration = {
      group: this.service,
      definitions: [...handlers.values()].map((h) => h.definition),
      processor,
    };
    if (this.transport.kind === 'kafka') {
      this.readiness.register('broker', () => this.transport.checkReady());
    } else {
      await this.transport.subscribe(this.registration);
    }
  }

  onApplicationBootstrap(): void {
    this.relay.start();
    if (this.transport.kind === 'kafka') void this.subscribeUntilDone();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.relay.stop();
    await this.transport.close();
  }

  /** Joining a Kafka group must not hold up the boot, and a broker that is down now may be up later. */
  private async subscribeUntilDone(): Promise<void> {
    for (let failed = 0; !this.stopping && this.registration; failed++) {
      try {
        await this.transport.subscribe(this.registration);
        return;
      } catch (e) {
        this.logger.error(`${this.service}: cannot start consuming, retrying: ${errorText(e)}`);
        await sleep(Math.min(30_000, 1_000 * 2 ** failed));
      }
    }
  }
}

import {
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AppMetrics, MetricsListener } from '@platform/observability';
import { GatewayEnv } from '../config';

/**
 * The gateway's `/metrics`, on METRICS_HOST:METRICS_PORT and never on its public port (spec §9:
 * "not through the gateway"). A production gateway that cannot bind it does not start; elsewhere
 * (several development or test gateways on one machine) it runs on without, saying so.
 */
@Injectable()
export class GatewayMetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('metrics');
  private readonly listener: MetricsListener;
  /** Where the metrics are served, once listening. */
  url?: string;

  constructor(
    private readonly config: GatewayEnv,
    metrics: AppMetrics,
  ) {
    this.listener = new MetricsListener(metrics, {
      host: config.METRICS_HOST,
      port: config.METRICS_PORT,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { METRICS_HOST, METRICS_PORT, PORT, NODE_ENV } = this.config;
    try {
      if (METRICS_PORT !== 0 && METRICS_PORT === PORT)
        throw new Error('it must differ from PORT, which is public');
      this.url = await this.listener.start();
      this.logger.log(`metrics on ${this.url}`);
    } catch (e) {
      const why = `METRICS_PORT ${METRICS_HOST}:${METRICS_PORT}: ${(e as Error).message}`;
      if (NODE_ENV === 'production') throw new Error(why, { cause: e });
      this.logger.warn(`${why}; the gateway's metrics are not served`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }
}

@Module({ providers: [GatewayMetricsListener] })
export class GatewayMetricsModule {}

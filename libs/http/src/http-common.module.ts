import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { BaseEnv, SERVICE_NAME } from '@platform/config';
import { METRICS_PATH, ObservabilityModule, traceLogFields } from '@platform/observability';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness.registry';
import { logSerializers } from './logging/log-serializers';
import type { IncomingMessage } from 'node:http';

/**
 * Logging (pino, one JSON line per event, carrying the service, the request id and, when tracing
 * is on, the trace and span ids, with credentials taken out of headers, URLs and database
 * errors), the health endpoints and the app's metrics registry. Every app, the gateway included,
 * imports it once.
 */
@Global()
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [BaseEnv, SERVICE_NAME],
      useFactory: (config: BaseEnv, service: string) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          base: { service },
          mixin: traceLogFields,
          genReqId: (req: IncomingMessage) => req.headers['x-request-id'] as string,
          customProps: (req: IncomingMessage) => ({ requestId: req.headers['x-request-id'] }),
          serializers: logSerializers,
          redact: {
            paths: [
              'req.headers.authorization',
              'req.headers["proxy-authorization"]',
              'req.headers.cookie',
              'req.headers["x-platform-assertion"]',
              'res.headers["set-cookie"]',
            ],
            censor: '[redacted]',
          },
          autoLogging: {
            // Probes and scrapes come every few seconds; their lines would bury the requests.
            ignore: (req: IncomingMessage) =>
              (req.url?.startsWith('/health') ?? false) || req.url === METRICS_PATH,
          },
          quietReqLogger: true,
        },
      }),
    }),
    ObservabilityModule,
  ],
  controllers: [HealthController],
  providers: [ReadinessRegistry],
  exports: [ReadinessRegistry, ObservabilityModule],
})
export class HttpCommonModule {}

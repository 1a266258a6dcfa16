import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ServiceEnv, SERVICE_NAME } from '@platform/config';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness.registry';
import { logSerializers } from './logging/log-serializers';
import type { IncomingMessage } from 'node:http';

/**
 * Logging (pino, one JSON line per event, carrying the service and the request id, with
 * credentials taken out of headers, URLs and database errors) and the health endpoints. Every
 * app, the gateway included, imports it once.
 */
@Global()
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ServiceEnv, SERVICE_NAME],
      useFactory: (config: ServiceEnv, service: string) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          base: { service },
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
            ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false,
          },
          quietReqLogger: true,
        },
      }),
    }),
  ],
  controllers: [HealthController],
  providers: [ReadinessRegistry],
  exports: [ReadinessRegistry],
})
export class HttpCommonModule {}

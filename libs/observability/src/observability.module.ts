import { Global, Module } from '@nestjs/common';
import { SERVICE_NAME } from '@platform/config';
import { AppMetrics } from './metrics/app-metrics';

/** The app's metrics registry (`AppMetrics`), for every module of the app to add its series to. */
@Global()
@Module({
  providers: [
    {
      provide: AppMetrics,
      inject: [SERVICE_NAME],
      useFactory: (service: string) => new AppMetrics(service),
    },
  ],
  exports: [AppMetrics],
})
export class ObservabilityModule {}

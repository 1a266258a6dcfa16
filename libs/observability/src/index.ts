export * from './metrics/app-metrics';
export * from './metrics/collected-gauge';
export * from './metrics/http-metrics';
export * from './metrics/metrics-endpoint';
export * from './observability.module';
export * from './tracing/trace-context';

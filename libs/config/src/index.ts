export * from './load-config';
export * from './base-env';
export * from './service-env';
export * from './config.module';
export * from './trusted-proxies';

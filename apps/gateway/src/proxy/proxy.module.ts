import { Module } from '@nestjs/common';
import { AssertionSigner, ReusableAssertions } from '@platform/auth';
import { GatewayEnv } from '../config';
import { GatewayProxy } from './gateway-proxy';
import { ProxyMetrics } from './proxy-metrics';
import { RequestLog } from './request-log';

/** The forwarding route. `GatewayAuthenticator` comes from the (global) module AppModule picks. */
@Module({
  providers: [
    {
      provide: AssertionSigner,
      inject: [GatewayEnv],
      useFactory: (config: GatewayEnv) => new AssertionSigner(config.ASSERTION_PRIVATE_KEY),
    },
    {
      provide: ReusableAssertions,
      inject: [AssertionSigner],
      useFactory: (signer: AssertionSigner) => new ReusableAssertions(signer),
    },
    ProxyMetrics,
    RequestLog,
    GatewayProxy,
  ],
  exports: [GatewayProxy],
})
export class ProxyModule {}

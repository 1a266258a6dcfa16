import { Global, Module } from '@nestjs/common';
import { GatewayAuthenticator } from '../auth/authenticator';
import { UnauthenticatedGateway } from './unauthenticated.gateway';

/**
 * Binds `GatewayAuthenticator` to the fail-closed `UnauthenticatedGateway`. AppModule imports
 * either this or the token-verifying `GatewayAuthModule`; the proxy sees only the seam.
 */
@Global()
@Module({
  providers: [{ provide: GatewayAuthenticator, useClass: UnauthenticatedGateway }],
  exports: [GatewayAuthenticator],
})
export class UnauthenticatedGatewayModule {}

import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ServiceEnv, SERVICE_NAME } from '@platform/config';
import { AssertionVerifier } from './assertion';
import { AssertionGuard } from './assertion.guard';
import { InternalAssertionVerifier } from './internal';

/** Installs the assertion guard on every route of the service that imports it. */
@Global()
@Module({
  providers: [
    {
      provide: AssertionVerifier,
      inject: [ServiceEnv, SERVICE_NAME],
      useFactory: (config: ServiceEnv, service: string) =>
        new AssertionVerifier(config.ASSERTION_PUBLIC_KEY, service),
    },
    {
      provide: InternalAssertionVerifier,
      inject: [ServiceEnv, SERVICE_NAME],
      useFactory: (config: ServiceEnv, service: string) =>
        new InternalAssertionVerifier(config.ASSERTION_PUBLIC_KEY, service),
    },
    { provide: APP_GUARD, useClass: AssertionGuard },
  ],
  exports: [AssertionVerifier, InternalAssertionVerifier],
})
export class AuthModule {}

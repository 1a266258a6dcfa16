import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type InjectionToken,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { ResponseCipher } from './response-cipher';
import { IDEMPOTENCY_CIPHER, IdempotencyRepository } from './idempotency.repository';

/** How often expired keys are purged (each run deletes at most 10,000). */
export const PURGE_EVERY_MS = 10 * 60_000;

export interface IdempotencyModuleOptions {
  /**
   * Seals kept answers with the service's own key (needed where a create shows a secret once).
   * A factory, resolved like any Nest provider (inject the service's config).
   */
  cipher?: {
    inject?: InjectionToken[];
    useFactory: (...deps: never[]) => ResponseCipher;
  };
}

/** Purges expired keys in the background, in bounded batches, while the app runs. */
@Injectable()
export class IdempotencyPurger implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private timer: NodeJS.Timeout | undefined;

  constructor(@Inject(IdempotencyRepository) private readonly store: IdempotencyRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), PURGE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async purge(): Promise<void> {
    await this.store
      .purgeExpired()
      .catch((e: unknown) => this.logger.warn(`purging expired keys failed: ${String(e)}`));
  }
}

/**
 * Idempotency-Key for a service's create routes: import once in the app module, add
 * `idempotencyMigrations` to the service's migrations, and put `@Idempotent()` on the routes.
 */
@Global()
@Module({})
export class IdempotencyModule {
  static forRoot(options: IdempotencyModuleOptions = {}): DynamicModule {
    const cipher = options.cipher
      ? [
          {
            provide: IDEMPOTENCY_CIPHER,
            inject: options.cipher.inject ?? [],
            useFactory: options.cipher.useFactory as (...deps: unknown[]) => ResponseCipher,
          },
        ]
      : [];
    return {
      module: IdempotencyModule,
      providers: [...cipher, IdempotencyRepository, IdempotencyPurger],
      exports: [IdempotencyRepository],
    };
  }
}

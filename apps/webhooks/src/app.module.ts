import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { ConfigModule } from '@platform/config';
import { AuthModule } from '@platform/auth';
import { Clock, HttpCommonModule, IdempotencyModule, SystemClock } from '@platform/http';
import { MessagingModule, messagingEntities, ServiceRuntime } from '@platform/messaging';
import { PersistenceModule } from '@platform/persistence';
import { WebhooksEnv } from './config';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { DeliveriesRepository } from './deliveries/deliveries.repository';
import { AttemptEntity, DeliveryEntity } from './deliveries/delivery.entity';
import { ReplayDeliveriesUseCase } from './deliveries/usecases/replay-deliveries.usecase';
import { ListDeliveriesUseCase } from './deliveries/usecases/list-deliveries.usecase';
import { RetryDeliveryUseCase } from './deliveries/usecases/retry-delivery.usecase';
import { SendTestUseCase } from './deliveries/usecases/send-test.usecase';
import { DeliveryAgent } from './engine/delivery-agent';
import { DeliveryClaimer } from './engine/delivery-claimer';
import { DeliveryWorker } from './engine/delivery-worker';
import { withEveryEventType } from './engine/event-feed';
import { OAuth2TokenCache } from './engine/oauth2-token-cache';
import { OutcomeRecorder } from './engine/outcome-recorder';
import { OutcomeWriter } from './engine/outcome-writer';
import { EventTypesController } from './event-types/event-types.controller';
import { SubscriptionSecrets } from './engine/subscription-secrets';
import { WebhookSender } from './engine/webhook-sender';
import { schemaMigrations } from './schema';
import { HomologationController } from './homologation/homologation.controller';
import { RunHomologationUseCase } from './homologation/usecases/run-homologation.usecase';
import { secretBoxFor, secretBoxProvider } from './shared/secret-box.provider';
import { OwnerRevocation } from './subscriptions/owner-revocation';
import { SubscriptionDisabler } from './subscriptions/subscription-disabler';
import { SubscriptionEntity } from './subscriptions/subscription.entity';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository';
import { DeleteSubscriptionUseCase } from './subscriptions/usecases/delete-subscription.usecase';
import { RotateSecretUseCase } from './subscriptions/usecases/rotate-secret.usecase';
import { CreateSubscriptionUseCase } from './subscriptions/usecases/create-subscription.usecase';
import { GetSubscriptionUseCase } from './subscriptions/usecases/get-subscription.usecase';
import { ListSubscriptionsUseCase } from './subscriptions/usecases/list-subscriptions.usecase';
import { ReplaceSubscriptionUseCase } from './subscriptions/usecases/replace-subscription.usecase';

export interface WebhooksRuntime extends ServiceRuntime {
  /** Tests replace the clock to jump ahead (7-day auto-disable). */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(runtime: WebhooksRuntime): DynamicModule {
    const providers: Provider[] = [
      { provide: Clock, useValue: runtime.clock ?? new SystemClock() },
      secretBoxProvider,
      SubscriptionSecrets,
      SubscriptionsRepository,
      CreateSubscriptionUseCase,
      ListSubscriptionsUseCase,
      GetSubscriptionUseCase,
      ReplaceSubscriptionUseCase,
      RotateSecretUseCase,
      DeleteSubscriptionUseCase,
      SubscriptionDisabler,
      OwnerRevocation,
      DeliveriesRepository,
      ListDeliveriesUseCase,
      RetryDeliveryUseCase,
      SendTestUseCase,
      ReplayDeliveriesUseCase,
      RunHomologationUseCase,
      DeliveryAgent,
      OAuth2TokenCache,
      WebhookSender,
      DeliveryClaimer,
      OutcomeWriter,
      OutcomeRecorder,
      DeliveryWorker,
      withEveryEventType(),
    ];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot('webhooks', WebhooksEnv, runtime.env),
        HttpCommonModule,
        AuthModule,
        PersistenceModule.forRoot({
          entities: [...messagingEntities, SubscriptionEntity, DeliveryEntity, AttemptEntity],
          migrations: schemaMigrations,
          // The default 10 starved the delivery engine: the in-process bus feeds events 8 subjects
          // at a time and the outbox relay's leader holds one, leaving one connection for the
          // claimer, the outcome recorder and the API together.
          poolSize: 16,
        }),
        MessagingModule.forRoot({ bus: runtime.bus }),
        // Kept first answers are sealed like the other secrets: a create answers its `secret`.
        IdempotencyModule.forRoot({ cipher: { inject: [WebhooksEnv], useFactory: secretBoxFor } }),
      ],
      controllers: [
        SubscriptionsController,
        DeliveriesController,
        EventTypesController,
        HomologationController,
      ],
      providers,
    };
  }
}

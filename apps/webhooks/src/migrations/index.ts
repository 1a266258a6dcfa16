import { Webhooks1764000000000 } from './1764000000000-webhooks';
import { RetiringSecrets1764100000000 } from './1764100000000-retiring-secrets';
import { SubscriptionActions1764200000000 } from './1764200000000-subscription-actions';
import { FailedDeliveriesIndex1764300000000 } from './1764300000000-failed-deliveries-index';
import { DeliveryTraceparent1764900000000 } from './1764900000000-delivery-traceparent';

// Migrations of the webhooks service, in order. Each is a TypeORM migration class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const migrations: Function[] = [
  Webhooks1764000000000,
  RetiringSecrets1764100000000,
  SubscriptionActions1764200000000,
  FailedDeliveriesIndex1764300000000,
  DeliveryTraceparent1764900000000,
];

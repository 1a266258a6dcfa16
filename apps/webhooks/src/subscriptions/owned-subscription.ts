import { NotFoundException } from '@nestjs/common';
import type { SubscriptionEntity } from './subscription.entity';

/**
 * The subscription a use case found for the caller's scope, or the 404 the API documents: another
 * context's subscription answers like a missing one (never reveal others' ids).
 */
export function owned(s: SubscriptionEntity | null, id: string): SubscriptionEntity {
  if (!s) throw new NotFoundException(`webhook '${id}' not found`);
  return s;
}

import { NotFoundException } from '@nestjs/common';
import type { DeliveriesRepository } from '../deliveries.repository';
import type { AttemptEntity, DeliveryEntity } from '../delivery.entity';

/** A delivery with its latest attempts, as the log shows it. */
export interface DeliveryView {
  delivery: DeliveryEntity;
  attempts: AttemptEntity[];
}

/** The delivery of that subscription with its attempts, or the 404 the API documents. */
export async function deliveryView(
  deliveries: DeliveriesRepository,
  subscriptionId: string,
  id: string,
): Promise<DeliveryView> {
  const delivery = await deliveries.find(subscriptionId, id);
  if (!delivery) throw new NotFoundException(`delivery '${id}' not found`);
  const attempts = (await deliveries.attemptsOf([delivery.id])).get(delivery.id) ?? [];
  return { delivery, attempts };
}

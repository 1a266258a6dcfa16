import { DeliveryClaimer } from '../../apps/webhooks/src/engine/delivery-claimer';
import {
  as,
  bootWebhooks,
  CONTEXT,
  licenseCreated,
  subscriptionBody,
  waitFor,
  webhooksEnv,
  type WebhooksInstance,
  webhooksSuite,
} from './harness';

/**
 * Issue 13 (performance) without loosening a guarantee: a delivery goes out as soon as its event
 * is committed, not at the worker's next poll; and a subscription that is receiving events right
 * now is still served (its new deliveries' foreign-key locks used to hide it from the claimer).
 */
describe('webhooks: deliveries start without waiting for a poll or for the intake', () => {
  const suite = webhooksSuite('webhooks_wakeups', { boot: false, pg: true, receiver: 'each' });

  async function subscribe(hooks: WebhooksInstance): Promise<string> {
    const res = await hooks.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: await as(),
      payload: subscriptionBody(suite.receiver.url),
    });
    expect(res.statusCode).toBe(201);
    return (res.json() as { id: string }).id;
  }

  it('sends a new event at once, not at the next poll (10 s apart here)', async () => {
    const hooks = await bootWebhooks(webhooksEnv(suite.db.url, { WEBHOOKS_POLL_MS: '10000' }));
    try {
      await subscribe(hooks);
      // Let the worker's first rounds pass: it is now idle until its next poll, 10 s away.
      await new Promise((r) => setTimeout(r, 500));
      const sent = Date.now();
      await hooks.bus.publish([licenseCreated(CONTEXT.entity, 1)]);
      await waitFor(() => suite.receiver.received.length >= 1, 5_000, 'the delivery');
      expect(Date.now() - sent).toBeLessThan(5_000);
    } finally {
      await hooks.close();
    }
  }, 30_000);

  it('claims a subscription whose new deliveries are being written at that moment', async () => {
    const hooks = await bootWebhooks(webhooksEnv(suite.db.url, { WEBHOOKS_WORKER: 'false' }));
    try {
      const id = await subscribe(hooks);
      await hooks.bus.publish([licenseCreated(CONTEXT.entity, 2)]);
      // The intake of another event for the same subscription, still open: its foreign key holds
      // a KEY SHARE lock on the subscription row.
      await suite.pg.query('BEGIN');
      await suite.pg.query(
        `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, event_time, body, status, next_attempt_at)
         VALUES ($1, 'evt-open', 'license.created', now(), '{}', 'pending', now())`,
        [id],
      );
      try {
        const claimed = await hooks.app.get(DeliveryClaimer).claim(new Date(), 10, 8);
        // (The first test's subscription, same context, is due too: it is not what this is about.)
        expect(claimed.map((c) => c.subscriptionId)).toContain(id);
      } finally {
        await suite.pg.query('ROLLBACK');
      }
    } finally {
      await hooks.close();
    }
  }, 30_000);
});

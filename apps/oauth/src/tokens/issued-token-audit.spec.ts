import type { EntityManager } from 'typeorm';
import type { EventDraft, OutboxPublisher } from '@platform/messaging';
import type { TransactionalRepository } from '../shared/transactional.repository';
import { IssuedTokenAudit } from './issued-token-audit';

describe('IssuedTokenAudit', () => {
  it('stamps each token.issued record with the time the token was issued, not the flush', async () => {
    const written: EventDraft[] = [];
    const db = {
      transaction: (work: (m: EntityManager) => Promise<void>) => work({} as EntityManager),
    } as unknown as TransactionalRepository;
    const outbox = {
      add: async (_m: EntityManager, ...events: EventDraft[]) => void written.push(...events),
    } as unknown as OutboxPublisher;
    const audit = new IssuedTokenAudit(db, outbox);
    const issuedAt = new Date('2026-12-03T08:00:00.123Z');
    audit.record(
      { jti: 'j1', clientId: 'c1', grantType: 'client_credentials', scope: 'audit.read' },
      issuedAt,
    );
    await audit.flush();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      subject: 'c1',
      time: issuedAt,
      data: { jti: 'j1', clientId: 'c1' },
    });
  });
});

import { SecurityAudit, type SecurityEvent } from './security-audit';

describe('SecurityAudit', () => {
  it('sends queued decisions as security.decision events in one batch', async () => {
    const sent: SecurityEvent[][] = [];
    const audit = new SecurityAudit(async (batch) => void sent.push(batch));
    audit.record({
      action: 'gateway.authenticate',
      outcome: 'failed',
      reason: 'expired_token',
      requestId: 'r1',
    });
    audit.record({
      action: 'gateway.authorize',
      outcome: 'denied',
      actorClient: 'c1',
      requestId: 'r2',
    });
    await audit.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((e) => [e.type, e.source, e.subject, e.data.requestId])).toEqual([
      ['security.decision', 'gateway', 'anonymous', 'r1'],
      ['security.decision', 'gateway', 'c1', 'r2'],
    ]);
  });

  it('keeps a batch the broker refused and sends it on the next flush', async () => {
    let fail = true;
    const sent: SecurityEvent[] = [];
    const audit = new SecurityAudit(async (batch) => {
      if (fail) throw new Error('broker down');
      sent.push(...batch);
    });
    audit.record({ action: 'gateway.authenticate', outcome: 'failed', requestId: 'r1' });
    await audit.flush();
    expect(sent).toHaveLength(0);
    fail = false;
    await audit.flush();
    expect(sent.map((e) => e.data.requestId)).toEqual(['r1']);
  });

  it('hands a flood of refusals over in a few batches, never one write per refusal', async () => {
    const batches: number[] = [];
    const audit = new SecurityAudit(async (batch) => void batches.push(batch.length), 'outbox');
    for (let i = 0; i < 1_200; i++) {
      audit.record({ action: 'gateway.authenticate', outcome: 'failed', requestId: `r${i}` });
    }
    await audit.flush();
    expect(batches).toEqual([500, 500, 200]);
  });
});

import type { EventEnvelope } from '@platform/contracts';
import { DataSource } from 'typeorm';
import { AuditRecordEntity } from '../records/audit-record.entity';
import { AppendedRecord } from '../records/audit-writer';
import {
  decisionEvent as event,
  freshChain,
  testChainMac as mac,
  testWriter as writer,
} from '../e2e/chain-fixtures';
import { AuditChainRepository } from './audit-chain.repository';
import { ChainVerifier } from './chain-verifier';
import { chainHash } from './hash-chain';

describe('audit hash chain on Postgres', () => {
  let ds: DataSource;
  let close: (() => Promise<void>) | undefined;
  let verifier: ChainVerifier;

  const append = (e: EventEnvelope<unknown>): Promise<AppendedRecord> =>
    ds.transaction((m) => writer.append(m, e));

  beforeAll(async () => {
    ({ ds, close } = await freshChain('audit_chain'));
    verifier = new ChainVerifier(new AuditChainRepository(ds), mac);
  });

  afterAll(async () => {
    await close?.();
  });

  it('verifies an empty chain', async () => {
    expect(await verifier.verify()).toEqual({ valid: true, checked: 0 });
  });

  it('keeps the chain linear under concurrent appends from several connections', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => append(event(i))));
    const rows = (await ds.query(
      'SELECT seq, prev_hash, hash FROM audit_records ORDER BY seq',
    )) as { seq: string; prev_hash: string; hash: string }[];
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    rows.slice(1).forEach((r, i) => expect(r.prev_hash).toBe(rows[i].hash));
    expect(await verifier.verify()).toEqual({ valid: true, checked: 40 });
  });

  it('records an event id once', async () => {
    const e = event(99);
    const first = await append(e);
    const again = await append(e);
    expect(again.seq).toBe(first.seq);
    expect(await verifier.verify()).toEqual({ valid: true, checked: 41 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE through the trigger', async () => {
    await expect(
      ds.query("UPDATE audit_records SET outcome = 'allowed' WHERE seq = 3"),
    ).rejects.toThrow(/append-only/);
    await expect(ds.query('DELETE FROM audit_records WHERE seq = 3')).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query('TRUNCATE audit_records')).rejects.toThrow(/append-only/);
  });

  describe('as a superuser who disables the trigger', () => {
    async function tamper(sql: string): Promise<void> {
      await ds.transaction(async (m) => {
        await m.query('ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only');
        await m.query(sql);
        await m.query('ALTER TABLE audit_records ENABLE TRIGGER audit_records_append_only');
      });
    }

    it('detects an edited record at that record, and verifies again once it is restored', async () => {
      const [{ outcome }] = (await ds.query('SELECT outcome FROM audit_records WHERE seq = 7')) as {
        outcome: string;
      }[];
      await tamper("UPDATE audit_records SET outcome = 'forged' WHERE seq = 7");
      expect(await verifier.verify()).toMatchObject({
        valid: false,
        checked: 7,
        brokenAt: '7',
        reason: expect.stringContaining('hash'),
      });
      await tamper(`UPDATE audit_records SET outcome = '${outcome}' WHERE seq = 7`);
      expect(await verifier.verify()).toEqual({ valid: true, checked: 41 });
    });

    it('detects a record rewritten with a recomputed hash at that record, by its MAC', async () => {
      const forged = await ds.manager.findOneByOrFail(AuditRecordEntity, { seq: '12' });
      forged.actorClient = 'someone-else';
      await tamper(
        `UPDATE audit_records SET actor_client = 'someone-else', hash = '${chainHash(forged.prevHash, forged)}' WHERE seq = 12`,
      );
      expect(await verifier.verify()).toMatchObject({
        valid: false,
        brokenAt: '12',
        reason: expect.stringContaining('MAC'),
      });
    });

    it('detects deleted records, in the middle and at the end', async () => {
      const { ds: ds2, close } = await freshChain('audit_chain_cut');
      try {
        for (let i = 0; i < 5; i++) await ds2.transaction((m) => writer.append(m, event(i)));
        const cut = async (seq: number): Promise<void> => {
          await ds2.transaction(async (m) => {
            await m.query('ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only');
            await m.query('DELETE FROM audit_records WHERE seq = $1', [seq]);
            await m.query('ALTER TABLE audit_records ENABLE TRIGGER audit_records_append_only');
          });
        };
        await cut(5);
        expect(await new ChainVerifier(new AuditChainRepository(ds2), mac).verify()).toMatchObject({
          valid: false,
          checked: 4,
          brokenAt: '5',
        });
        await cut(2);
        expect(await new ChainVerifier(new AuditChainRepository(ds2), mac).verify()).toMatchObject({
          valid: false,
          checked: 2,
          brokenAt: '3',
        });
      } finally {
        await close();
      }
    });
  });

  it('verifies as valid while records are being appended (it reads one snapshot)', async () => {
    const { ds: live, close } = await freshChain('audit_chain_live');
    try {
      let appending = true;
      const writing = (async () => {
        for (let i = 0; appending; i++) await live.transaction((m) => writer.append(m, event(i)));
      })();
      const results: { valid: boolean; reason?: string }[] = [];
      for (let i = 0; i < 100; i++)
        results.push(await new ChainVerifier(new AuditChainRepository(live), mac).verify());
      appending = false;
      await writing;
      expect(results.filter((r) => !r.valid)).toEqual([]);
    } finally {
      await close();
    }
  });
});

import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditRecordEntity } from '../records/audit-record.entity';
import {
  decisionEvent as event,
  freshChain,
  TEST_CHAIN_KEY as KEY,
  testChainMac as mac,
  testWriter as writer,
} from '../e2e/chain-fixtures';
import { ChainMac } from './chain-mac';
import { AuditChainRepository } from './audit-chain.repository';
import { ChainVerifier } from './chain-verifier';
import { chainHash } from './hash-chain';

/*
 * ADR 0006's superuser, who can disable the triggers and recompute every SHA-256, against a chain
 * signed with AUDIT_CHAIN_KEY (hardening item 9).
 */
describe('audit chain on Postgres, authenticated with AUDIT_CHAIN_KEY (ChainMac)', () => {
  const asSuperuser = (on: DataSource, work: (m: EntityManager) => Promise<void>) =>
    on.transaction(async (m) => {
      await m.query('ALTER TABLE audit_records DISABLE TRIGGER USER');
      await m.query('ALTER TABLE audit_chain_head DISABLE TRIGGER USER');
      await work(m);
      await m.query('ALTER TABLE audit_records ENABLE TRIGGER USER');
      await m.query('ALTER TABLE audit_chain_head ENABLE TRIGGER USER');
    });

  /** What someone with write access but no key can do: change a record, re-hash the rest. */
  async function rewriteFrom(on: DataSource, seq: number, actorClient: string): Promise<void> {
    const rows = await on.manager.find(AuditRecordEntity, { order: { seq: 'ASC' } });
    await asSuperuser(on, async (m) => {
      let prevHash = rows[seq - 2]?.hash ?? '0'.repeat(64);
      for (const row of rows.slice(seq - 1)) {
        if (row.seq === String(seq)) row.actorClient = actorClient;
        row.prevHash = prevHash;
        row.hash = chainHash(prevHash, row);
        await m.query(
          'UPDATE audit_records SET actor_client = $2, prev_hash = $3, hash = $4 WHERE seq = $1',
          [row.seq, row.actorClient, row.prevHash, row.hash],
        );
        prevHash = row.hash;
      }
      await m.query('UPDATE audit_chain_head SET hash = $1 WHERE id = 1', [prevHash]);
    });
  }

  async function chainOf(n: number): Promise<{ ds: DataSource; close(): Promise<void> }> {
    const chain = await freshChain('audit_chain_mac');
    for (let i = 0; i < n; i++) await chain.ds.transaction((m) => writer.append(m, event(i)));
    return chain;
  }

  it('detects a rewrite that recomputed every later hash and the head, at the changed record', async () => {
    const chain = await chainOf(6);
    try {
      expect(await new ChainVerifier(new AuditChainRepository(chain.ds), mac).verify()).toEqual({
        valid: true,
        checked: 6,
      });
      await rewriteFrom(chain.ds, 3, 'someone-else');
      expect(
        await new ChainVerifier(new AuditChainRepository(chain.ds), mac).verify(),
      ).toMatchObject({
        valid: false,
        checked: 3,
        brokenAt: '3',
        reason: expect.stringContaining('MAC'),
      });
    } finally {
      await chain.close();
    }
  });

  it('detects a cut tail whose head was moved back to the new last record', async () => {
    const chain = await chainOf(5);
    try {
      const [fourth] = (await chain.ds.query(
        'SELECT hash, mac FROM audit_records WHERE seq = 4',
      )) as { hash: string; mac: string }[];
      await asSuperuser(chain.ds, async (m) => {
        await m.query('DELETE FROM audit_records WHERE seq = 5');
        // The record's own MAC is no head MAC: that one existed only while 4 was the last.
        await m.query('UPDATE audit_chain_head SET seq = 4, hash = $1, mac = $2 WHERE id = 1', [
          fourth.hash,
          fourth.mac,
        ]);
      });
      expect(
        await new ChainVerifier(new AuditChainRepository(chain.ds), mac).verify(),
      ).toMatchObject({
        valid: false,
        checked: 4,
        reason: expect.stringContaining('head'),
      });
    } finally {
      await chain.close();
    }
  });

  it('does not verify with another key', async () => {
    const chain = await chainOf(2);
    try {
      expect(
        await new ChainVerifier(
          new AuditChainRepository(chain.ds),
          new ChainMac(randomBytes(32)),
        ).verify(),
      ).toMatchObject({
        valid: false,
        brokenAt: '1',
        reason: expect.stringContaining('AUDIT_CHAIN_KEY'),
      });
    } finally {
      await chain.close();
    }
  });

  it('takes records without a MAC only up to AUDIT_CHAIN_UNSIGNED_UNTIL', async () => {
    const chain = await chainOf(5);
    try {
      await asSuperuser(chain.ds, (m) =>
        m.query('UPDATE audit_records SET mac = NULL WHERE seq <= 3').then(() => undefined),
      );
      expect(
        await new ChainVerifier(new AuditChainRepository(chain.ds), mac).verify(),
      ).toMatchObject({
        valid: false,
        brokenAt: '1',
        reason: expect.stringContaining('no MAC'),
      });
      expect(
        await new ChainVerifier(new AuditChainRepository(chain.ds), new ChainMac(KEY, 3n)).verify(),
      ).toEqual({
        valid: true,
        checked: 5,
      });
      expect(
        await new ChainVerifier(new AuditChainRepository(chain.ds), new ChainMac(KEY, 2n)).verify(),
      ).toMatchObject({
        valid: false,
        brokenAt: '3',
      });
    } finally {
      await chain.close();
    }
  });

  it('lets the head move only forward, one record at a time', async () => {
    const chain = await chainOf(2);
    try {
      await expect(
        chain.ds.query('UPDATE audit_chain_head SET seq = 1 WHERE id = 1'),
      ).rejects.toThrow(/forward one record/);
      await expect(chain.ds.query('DELETE FROM audit_chain_head')).rejects.toThrow(/forward/);
      await expect(chain.ds.query('TRUNCATE audit_chain_head')).rejects.toThrow(
        /append-only|refused/,
      );
    } finally {
      await chain.close();
    }
  });
});

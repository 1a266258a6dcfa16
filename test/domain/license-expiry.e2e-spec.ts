import { DataSource } from 'typeorm';
import { createApp } from '../../apps/licensing/src/bootstrap';
import { boot, Booted, eventually, platformAdmin, ServiceClient } from './support/domain-harness';
import { Clock } from '@platform/http';

const admin = platformAdmin();
const LICENSES = 25;

/** Spec §4: "A license that reaches validUntil emits license.expired at that time" — once. */
describe('license.expired with two licensing instances on one database', () => {
  let a: Booted;
  let b: Booted;

  beforeAll(async () => {
    const env = { LICENSE_EXPIRY_POLL_MS: '50' };
    a = await boot(createApp, 'lic_expiry', { env });
    b = await boot(createApp, 'lic_expiry', { db: a.db, env });
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await a?.db.drop();
  });

  it('emits license.expired exactly once per license, at validUntil', async () => {
    const http = new ServiceClient(a.url, 'licensing');
    const entity = (
      await http.call(admin, 'POST', '/licenses/v0.1/api/entidades', {
        nome: 'Prefeitura',
        esfera: 'MUNICIPAL',
      })
    ).body['id'] as string;
    const database = (
      await http.call(admin, 'POST', '/licenses/v0.1/api/databases', { entity, nome: 'db' })
    ).body['id'] as string;
    const system = (
      await http.call(admin, 'POST', '/licenses/v0.1/api/sistemas', { nome: 'Tributos' })
    ).body['id'] as string;
    const validUntil = new Date(Date.now() + 3_000);
    const body = {
      entity,
      database,
      system,
      validFrom: new Date(Date.now() - 1_000).toISOString(),
      validUntil: validUntil.toISOString(),
    };
    const created = await Promise.all(
      Array.from({ length: LICENSES }, () =>
        http.call(admin, 'POST', '/licenses/v0.1/api/licensing', body),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(Array(LICENSES).fill(201));

    const ds = a.app.get(DataSource);
    const count = async (): Promise<number> =>
      Number(
        (
          await ds.query(
            `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'license.expired'`,
          )
        )[0].n,
      );
    await eventually(async () => ((await count()) >= LICENSES ? true : undefined), 10_000, 50);
    // Both instances kept polling for a while after the claim: still one event per license.
    await new Promise((r) => setTimeout(r, 500));
    const rows: { subject: string; n: number; at: Date }[] = await ds.query(
      `SELECT subject, count(*)::int AS n, min(time) AS at FROM outbox_events WHERE type = 'license.expired' GROUP BY subject`,
    );
    expect(rows).toHaveLength(LICENSES);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // "at that time": never before validUntil (so no event existed earlier), and within a few
    // polls after it even on a loaded machine; the exact instant is shown with the injectable
    // clock below.
    for (const r of rows) {
      expect(new Date(r.at).getTime()).toBeGreaterThanOrEqual(validUntil.getTime());
      expect(new Date(r.at).getTime() - validUntil.getTime()).toBeLessThan(5_000);
    }
  });

  it('follows the injectable clock: expires again after a PATCH reopens it, never once revoked', async () => {
    const http = new ServiceClient(a.url, 'licensing');
    const entity = (
      await http.call(admin, 'POST', '/licenses/v0.1/api/entidades', {
        nome: 'Câmara',
        esfera: 'MUNICIPAL',
      })
    ).body['id'] as string;
    const database = (
      await http.call(admin, 'POST', '/licenses/v0.1/api/databases', { entity, nome: 'db' })
    ).body['id'] as string;
    const system = (
      await http.call(admin, 'POST', '/licenses/v0.1/api/sistemas', { nome: 'Compras' })
    ).body['id'] as string;
    const hour = 3_600_000;
    const t0 = Date.now();
    const license = async (until: number): Promise<string> =>
      (
        await http.call(admin, 'POST', '/licenses/v0.1/api/licensing', {
          entity,
          database,
          system,
          validFrom: new Date(t0 - hour).toISOString(),
          validUntil: new Date(until).toISOString(),
        })
      ).body['id'] as string;
    const kept = await license(t0 + hour);
    const revoked = await license(t0 + hour);
    expect(
      (await http.call(admin, 'POST', `/licenses/v0.1/api/licensing/${revoked}/revoke`, {})).status,
    ).toBe(200);

    const ds = a.app.get(DataSource);
    const expiredEvents = async (id: string): Promise<number> =>
      Number(
        (
          await ds.query(
            `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'license.expired' AND subject = $1`,
            [id],
          )
        )[0].n,
      );
    // Only instance a's clock moves; b keeps real time and must not claim these licenses.
    const clock = jest.spyOn(a.app.get(Clock), 'now').mockReturnValue(new Date(t0 + 2 * hour));
    try {
      await eventually(
        async () => ((await expiredEvents(kept)) === 1 ? true : undefined),
        5_000,
        50,
      );
      const q = `database=${database}&entity=${entity}&system=${system}`;
      expect(
        (await http.call(admin, 'GET', `/licenses/v0.1/api/licensing/validate?${q}`)).body,
      ).toMatchObject({ code: 'REVOKED' });

      const patched = await http.call(admin, 'PATCH', `/licenses/v0.1/api/licensing/${kept}`, {
        validUntil: new Date(t0 + 3 * hour).toISOString(),
      });
      expect(patched.body).toMatchObject({ status: 'active' });
      await new Promise((r) => setTimeout(r, 300));
      expect(await expiredEvents(kept)).toBe(1);

      clock.mockReturnValue(new Date(t0 + 4 * hour));
      await eventually(
        async () => ((await expiredEvents(kept)) === 2 ? true : undefined),
        5_000,
        50,
      );
      expect(await expiredEvents(revoked)).toBe(0);
    } finally {
      clock.mockRestore();
    }
  });
});

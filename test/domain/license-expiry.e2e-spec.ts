import { DataSource } from 'typeorm';
import { createApp } from '../../apps/licensing/src/bootstrap';
import { boot, Booted, eventually, platformAdmin, ServiceClient } from './support/domain-harness';
import { createContext } from './support/contexts';
import { Clock } from '@platform/http';

const admin = platformAdmin();
const LICENSES = 25;

/** Registers a context (entity and database) and a system in licensing: what a license is for. */
async function licenseTarget(http: ServiceClient, entidade: string, sistema: string) {
  const { entity, database } = await createContext(http, entidade);
  const system = (await http.call(admin, 'POST', '/licenses/v0.1/api/sistemas', { nome: sistema }))
    .body['id'] as string;
  return { entity, database, system };
}

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
    const { entity, database, system } = await licenseTarget(http, 'Prefeitura', 'Tributos');
    // Both instances run on a clock the test moves, so nothing depends on how fast the machine
    // creates the licenses or polls: before validUntil is "the clock says so", not "soon".
    const hour = 3_600_000;
    const t0 = Date.now();
    const validUntil = new Date(t0 + hour);
    let now = t0;
    const clocks = [a, b].map((x) =>
      jest.spyOn(x.app.get(Clock), 'now').mockImplementation(() => new Date(now)),
    );
    /** Resolves once both instances have polled (read their clock) `n` more times. */
    const polls = async (n: number): Promise<void> => {
      const seen = clocks.map((c) => c.mock.calls.length);
      await eventually(
        async () =>
          clocks.every((c, i) => c.mock.calls.length >= (seen[i] ?? 0) + n) ? true : undefined,
        10_000,
        20,
      );
    };
    try {
      const body = {
        entity,
        database,
        system,
        validFrom: new Date(t0 - hour).toISOString(),
        validUntil: validUntil.toISOString(),
      };
      const created = await Promise.all(
        Array.from({ length: LICENSES }, () =>
          http.call(admin, 'POST', '/licenses/v0.1/api/licensing', body),
        ),
      );
      expect(created.map((r) => r.status)).toEqual(Array(LICENSES).fill(201));
      const ids = created.map((r) => r.body['id'] as string);

      const ds = a.app.get(DataSource);
      const count = async (): Promise<number> =>
        Number(
          (
            await ds.query(
              `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'license.expired' AND subject = ANY($1)`,
              [ids],
            )
          )[0].n,
        );
      // A millisecond before validUntil, however many polls run: nothing expires.
      now = validUntil.getTime() - 1;
      await polls(3);
      expect(await count()).toBe(0);

      // validUntil reached: every license expires, once, though both instances keep polling.
      now = validUntil.getTime();
      await eventually(async () => ((await count()) >= LICENSES ? true : undefined), 10_000, 50);
      await polls(3);
      const rows: { subject: string; n: number }[] = await ds.query(
        `SELECT subject, count(*)::int AS n FROM outbox_events WHERE type = 'license.expired' AND subject = ANY($1) GROUP BY subject`,
        [ids],
      );
      expect(rows).toHaveLength(LICENSES);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      // "at that time": each was claimed at the instant the clock reached validUntil.
      const expired: { expired_at: Date }[] = await ds.query(
        `SELECT expired_at FROM licenses WHERE id = ANY($1)`,
        [ids],
      );
      expect(expired.map((r) => new Date(r.expired_at).getTime())).toEqual(
        Array(LICENSES).fill(validUntil.getTime()),
      );
    } finally {
      for (const c of clocks) c.mockRestore();
    }
  });

  it('follows the injectable clock: expires again after a PATCH reopens it, never once revoked', async () => {
    const http = new ServiceClient(a.url, 'licensing');
    const { entity, database, system } = await licenseTarget(http, 'Câmara', 'Compras');
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

import { type GatewayHarness, startGatewayHarness } from './gateway-harness';

/*
 * An event stream never ends by itself (notifications' and the portal's send a heartbeat every
 * 15 s to outlive the idle timeout). A gateway shutting down must not wait for it: it ends the
 * open streams and closes within moments.
 */
describe('gateway shutdown with an open event stream', () => {
  let h: GatewayHarness;
  let beat: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    h = await startGatewayHarness((app) => {
      app.get('/usuarios/v0.1/api/usuarios/stream', (_req, reply) => {
        reply.hijack();
        reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
        reply.raw.write(': connected\n\n');
        // Faster than the harness's 1 s UPSTREAM_TIMEOUT_MS: only a shutdown can end it.
        beat = setInterval(() => reply.raw.write(': heartbeat\n\n'), 200);
        reply.raw.on('close', () => clearInterval(beat));
      });
    });
  });

  afterAll(async () => {
    clearInterval(beat);
    await h.a.close().catch(() => undefined);
    await h.notifications.close().catch(() => undefined);
  });

  it('ends the stream and closes within a few seconds', async () => {
    const res = await fetch(`${h.base}/usuarios/v0.1/api/usuarios/stream`);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    await reader.read();
    let ended = false;
    const draining = (async () => {
      try {
        while (!(await reader.read()).done);
      } catch {
        // a destroyed connection ends the stream too
      }
      ended = true;
    })();
    // Past the upstream idle timeout: the heartbeats keep it open.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(ended).toBe(false);

    const started = Date.now();
    await Promise.race([
      h.gateway.close(),
      new Promise((_r, reject) =>
        setTimeout(() => reject(new Error('gateway close hung')), 10_000),
      ),
    ]);
    await draining;
    expect(ended).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

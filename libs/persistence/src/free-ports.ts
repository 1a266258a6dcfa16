import { createServer, type Server } from 'node:net';

/**
 * `count` distinct free loopback ports. Each is held open until all are found, so the kernel
 * cannot hand the same port out twice (it may, when one is closed before the next is asked for).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await listening());
    return servers.map((s) => {
      const address = s.address();
      return typeof address === 'object' && address ? address.port : 0;
    });
  } finally {
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  }
}

function listening(): Promise<Server> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => ok(srv));
  });
}

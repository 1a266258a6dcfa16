import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';

/** Ports of the services this machine may run itself (Postgres, Redis, brokers…): never offered. */
const RESERVED = new Set([1883, 3000, 3306, 4222, 5432, 5672, 6379, 8080, 9092, 15672]);
const LOWEST = 10_000;

/**
 * `count` distinct free loopback ports for another process to listen on later. They come from
 * below the kernel's ephemeral range: a port picked there (by binding port 0) is free only until
 * some outgoing connection (a database pool, an HTTP client) is given it as its local port, which
 * happens often while a whole platform boots. Each is held open until all are found, so none is
 * handed out twice.
 */
export async function freePorts(count: number): Promise<number[]> {
  const highest = ephemeralLow() - 1;
  const servers: Server[] = [];
  try {
    while (servers.length < count) {
      const port = LOWEST + Math.floor(Math.random() * (highest - LOWEST + 1));
      if (RESERVED.has(port)) continue;
      const server = await listening(port);
      if (server) servers.push(server);
    }
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  }
}

/** The lowest ephemeral port (Linux: /proc/sys/net/ipv4/ip_local_port_range), else IANA's 49152. */
function ephemeralLow(): number {
  try {
    const low = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
    );
    return Number.isInteger(low) && low > LOWEST + 1000 ? low : 49_152;
  } catch {
    return 49_152;
  }
}

/** A server listening on `port`, or undefined when that port is taken. */
function listening(port: number): Promise<Server | undefined> {
  return new Promise((ok) => {
    const srv = createServer();
    srv.once('error', () => ok(undefined));
    srv.listen(port, '127.0.0.1', () => ok(srv));
  });
}

/** A free loopback port for a server this process is about to listen on itself. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

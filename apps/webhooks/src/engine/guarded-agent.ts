import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import { isForbiddenAddress } from './network-policy';

export class ForbiddenAddressError extends Error {
  readonly code = 'EFORBIDDENADDRESS';
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private or special address: refused`);
  }
}

/**
 * A DNS lookup that refuses private/special addresses. It runs inside the connection, for the
 * address actually dialled, so a name that resolved to a public address at validation time and to
 * 127.0.0.1 now (DNS rebinding) is still refused.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 0);
    const bad = addresses.find((a) => isForbiddenAddress(a.address));
    if (bad) return callback(new ForbiddenAddressError(hostname, bad.address), '', 0);
    if (options.all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0];
    if (!first) return callback(new Error(`${hostname}: no address`), '', 0);
    return callback(null, first.address, first.family);
  });
};

/**
 * The HTTP client of deliveries and token fetches; never follows redirects (undici's default).
 * One keep-alive pool per receiver origin, as large as the instance's sends in flight: with a
 * smaller pool, subscriptions sharing a receiver queued behind each other's sockets.
 */
export function createDeliveryAgent(allowPrivateNetworks: boolean, connections = 128): Agent {
  return new Agent({
    connections,
    keepAliveTimeout: 10_000,
    connect: allowPrivateNetworks
      ? { timeout: 10_000 }
      : { timeout: 10_000, lookup: guardedLookup },
  });
}

import proxyAddr from '@fastify/proxy-addr';

type TrustCheck = (address: string, hop: number) => boolean;

const TRUST_NONE: TrustCheck = () => false;

/**
 * Fastify's `trustProxy` as a function, so the list can come from the app's validated config,
 * which exists only after the server does. `request.ip` (and `protocol`, `host`) then follow
 * `X-Forwarded-*` only across hops from these addresses (proxy-addr's rules), otherwise they are
 * the socket's: a caller that reaches a service directly cannot choose the address it is
 * recorded under.
 */
export class TrustedProxies {
  private trusted: TrustCheck = TRUST_NONE;

  readonly check: TrustCheck = (address, hop) => this.trusted(address, hop);

  /** IPs, CIDRs or proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`); [] trusts none. */
  trust(addresses: string[]): void {
    this.trusted = addresses.length > 0 ? proxyAddr.compile(addresses) : TRUST_NONE;
  }
}

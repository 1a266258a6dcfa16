import { Matches } from 'class-validator';
import { BaseEnv, POSTGRES_URL } from './base-env';
import { IsProxyList, proxyList } from './trusted-proxies';

/**
 * What every service reads from its environment. Each app extends it with its own keys and
 * validates it at boot with `loadConfig`, so a bad value stops the app naming the variable.
 */
export class ServiceEnv extends BaseEnv {
  /** Required: unset, it stays empty and fails the check, naming the variable. */
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// URL' })
  override DATABASE_URL: string = '';

  /** PEM (SPKI) public key of the gateway's Ed25519 assertion key; `\n` may be escaped. */
  @Matches(/-----BEGIN PUBLIC KEY-----/, {
    message: 'ASSERTION_PUBLIC_KEY must be a PEM public key',
  })
  ASSERTION_PUBLIC_KEY!: string;

  /**
   * Addresses (IPs, CIDRs, or `loopback`, `linklocal`, `uniquelocal`) whose `X-Forwarded-For`
   * is believed: the gateway's. A request from anywhere else is taken at its socket address,
   * whatever headers it sends. Default: loopback, where `npm start` runs the gateway.
   */
  @IsProxyList()
  TRUSTED_PROXIES: string = 'loopback';

  override get trustedProxies(): string[] {
    return proxyList(this.TRUSTED_PROXIES);
  }
}

import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/**
 * Spec §6: postback URLs must not reach loopback, private, link-local (incl. the 169.254.169.254
 * metadata service) or other special addresses unless WEBHOOKS_ALLOW_PRIVATE_NETWORKS is set.
 * Only globally routable unicast addresses pass; IPv4-mapped IPv6 is judged as its IPv4.
 */
export function isForbiddenAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() !== 'unicast';
}

export interface UrlPolicy {
  allowHttp: boolean;
  allowPrivateNetworks: boolean;
}

/** Why a URL is refused, or null. Names are checked again at connection time (DNS rebinding). */
export function urlProblem(raw: string, policy: UrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:')) {
    return policy.allowHttp ? 'must be an http(s) URL' : 'must be an https URL';
  }
  if (url.username || url.password) return 'must not contain credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!policy.allowPrivateNetworks) {
    if (isIP(host) && isForbiddenAddress(host))
      return 'must not point at a private, loopback or link-local address';
    if (host === 'localhost' || host.endsWith('.localhost')) return 'must not point at localhost';
  }
  return null;
}

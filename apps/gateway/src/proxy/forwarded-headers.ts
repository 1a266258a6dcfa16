import type { IncomingHttpHeaders } from 'node:http';
import { ASSERTION_HEADER } from '@platform/auth';

/** RFC 9110 §7.6.1: connection-specific fields a proxy must not forward. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

export interface ForwardingFacts {
  requestId: string;
  /** Absent when tracing is on: the instrumented HTTP client then sends its span's own. */
  traceparent?: string;
  /** The address of the peer that connected to the gateway (never a client-sent header). */
  clientIp: string;
  protocol: 'http' | 'https';
  /** The Host the caller addressed. */
  host?: string;
  assertion?: string;
  /**
   * True on routes where the gateway authenticated the caller's bearer token. On the OAuth
   * endpoints (no token checked here) `Authorization` carries the client's own credentials
   * (RFC 6749 §2.3.1 client_secret_basic) for oauth to check, so it goes through.
   */
  stripAuthorization: boolean;
}

/**
 * The headers a service receives. The caller's token never travels past the gateway (spec §2,
 * `000_*`), and nothing a caller sends can pose as the gateway: any incoming assertion and any
 * `x-forwarded-*` / `forwarded` it sent are dropped, then the gateway sets its own.
 */
export function forwardedHeaders(
  incoming: IncomingHttpHeaders,
  facts: ForwardingFacts,
): IncomingHttpHeaders {
  const listed = String(incoming['connection'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const drop = new Set([...HOP_BY_HOP, ...listed, ASSERTION_HEADER, 'forwarded', 'traceparent']);
  if (facts.stripAuthorization) drop.add('authorization');
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (drop.has(name) || name.startsWith('x-forwarded-')) continue;
    headers[name] = value;
  }
  headers['x-request-id'] = facts.requestId;
  if (facts.traceparent) headers['traceparent'] = facts.traceparent;
  headers['x-forwarded-for'] = facts.clientIp;
  headers['x-forwarded-proto'] = facts.protocol;
  if (facts.host) headers['x-forwarded-host'] = facts.host;
  if (facts.assertion) headers[ASSERTION_HEADER] = facts.assertion;
  return headers;
}

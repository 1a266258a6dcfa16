import proxyAddr from '@fastify/proxy-addr';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** `10.0.0.1, 10.1.0.0/16,loopback` → its entries; `none` (or nothing) trusts no proxy. */
export function proxyList(text: string | undefined): string[] {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length === 1 && entries[0] === 'none' ? [] : entries;
}

/** The list compiles as the HTTP server will compile it (proxy-addr's rules, not a copy). */
export function IsProxyList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isProxyList',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          try {
            proxyAddr.compile(proxyList(value));
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: () =>
          '$property must be comma-separated IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal, none)',
      },
    },
    options,
  );
}

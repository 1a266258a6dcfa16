import * as rules from '@platform/contracts/client-header-rules';
import { z } from 'zod';
import type { SaveSubscription, Subscription } from '../../api/types';

const url = z
  .string()
  .trim()
  .min(1, 'errors.required')
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'errors.url');

const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'errors.integer')
    .refine((v) => Number(v) >= min && Number(v) <= max, message);

export const subscriptionSchema = z
  .object({
    action: z.string().trim().min(1, 'errors.required'),
    status: z.enum(['active', 'inactive']),
    postbackUrl: url,
    techOwnerName: z.string().trim().min(1, 'errors.required'),
    techOwnerEmail: z.string().trim().email('errors.email'),
    headers: z
      .array(
        z.object({
          name: z
            .string()
            .trim()
            .min(1, 'errors.required')
            .regex(rules.HEADER_NAME_TOKEN, 'webhooks:errors.headerName')
            .refine((n) => !rules.isForbiddenHeaderName(n), 'webhooks:errors.headerForbidden'),
          value: z
            .string()
            .min(1, 'webhooks:errors.headerValue')
            .refine((v) => !rules.hasControlCharacters(v), 'webhooks:errors.headerNewline')
            .refine((v) => v !== rules.MASKED_HEADER_VALUE, 'webhooks:errors.headerValue')
            .refine(
              (v) => v.length <= rules.MAX_CLIENT_HEADER_VALUE_LENGTH,
              'webhooks:errors.headerLong',
            ),
        }),
      )
      .max(rules.MAX_CLIENT_HEADERS, 'webhooks:errors.headerCount'),
    useRateLimit: z.boolean(),
    rateRequests: z.string(),
    ratePerSeconds: z.string(),
    timeoutSeconds: z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, 'webhooks:errors.timeout')
      .refine((v) => Number(v) >= 0.1 && Number(v) <= 30, 'webhooks:errors.timeout'),
    useOAuth2: z.boolean(),
    oauth2: z.object({
      tokenUrl: z.string(),
      clientId: z.string(),
      clientSecret: z.string(),
      scope: z.string(),
      authType: z.enum(['client_secret_basic', 'client_secret_post']),
    }),
  })
  .superRefine((v, ctx) => {
    const names = v.headers.map((h) => h.name.trim().toLowerCase());
    names.forEach(
      (n, i) =>
        names.indexOf(n) !== i &&
        ctx.addIssue({
          code: 'custom',
          path: ['headers', i, 'name'],
          message: 'webhooks:errors.headerDuplicate',
        }),
    );
    if (v.useRateLimit) {
      for (const [path, schema] of [
        ['rateRequests', wholeNumber(1, 1000, 'webhooks:errors.rateRequests')],
        ['ratePerSeconds', wholeNumber(1, 86400, 'webhooks:errors.ratePerSeconds')],
      ] as const) {
        const r = schema.safeParse(v[path]);
        if (!r.success)
          ctx.addIssue({
            code: 'custom',
            path: [path],
            message: r.error.issues[0]?.message ?? 'errors.integer',
          });
      }
    }
    if (v.useOAuth2) {
      const r = url.safeParse(v.oauth2.tokenUrl);
      if (!r.success)
        ctx.addIssue({
          code: 'custom',
          path: ['oauth2', 'tokenUrl'],
          message: r.error.issues[0]?.message ?? 'errors.url',
        });
      if (!v.oauth2.clientId.trim())
        ctx.addIssue({ code: 'custom', path: ['oauth2', 'clientId'], message: 'errors.required' });
    }
  });

export type SubscriptionValues = z.infer<typeof subscriptionSchema>;

export function emptyValues(): SubscriptionValues {
  return {
    action: '*',
    status: 'active',
    postbackUrl: '',
    techOwnerName: '',
    techOwnerEmail: '',
    headers: [],
    useRateLimit: false,
    rateRequests: '10',
    ratePerSeconds: '1',
    timeoutSeconds: '30',
    useOAuth2: false,
    oauth2: {
      tokenUrl: '',
      clientId: '',
      clientSecret: '',
      scope: '',
      authType: 'client_secret_basic',
    },
  };
}

/** An existing subscription as form values; write-only values (headers, OAuth2 secret) come back empty. */
export function valuesOf(s: Subscription): SubscriptionValues {
  return {
    action: s.action,
    status: s.status === 'active' ? 'active' : 'inactive',
    postbackUrl: s.postbackUrl,
    techOwnerName: s.techOwnerName,
    techOwnerEmail: s.techOwnerEmail,
    headers: Object.keys(s.clientHeaders).map((name) => ({
      name,
      value:
        s.clientHeaders[name] === rules.MASKED_HEADER_VALUE ? '' : (s.clientHeaders[name] ?? ''),
    })),
    useRateLimit: Boolean(s.rateLimit),
    rateRequests: String(s.rateLimit?.requests ?? 10),
    ratePerSeconds: String(s.rateLimit?.perSeconds ?? 1),
    timeoutSeconds: String(s.timeoutMs / 1000),
    useOAuth2: Boolean(s.oauth2),
    oauth2: {
      tokenUrl: s.oauth2?.tokenUrl ?? '',
      clientId: s.oauth2?.clientId ?? '',
      clientSecret: '',
      scope: s.oauth2?.scope ?? '',
      authType: s.oauth2?.authType ?? 'client_secret_basic',
    },
  };
}

/** The API body (`SaveSubscriptionDto`); an empty OAuth2 secret is left out (the stored one stays). */
export function bodyOf(v: SubscriptionValues): SaveSubscription {
  const body: SaveSubscription = {
    action: v.action.trim(),
    status: v.status,
    postbackUrl: v.postbackUrl.trim(),
    techOwnerName: v.techOwnerName.trim(),
    techOwnerEmail: v.techOwnerEmail.trim(),
    timeoutMs: Math.round(Number(v.timeoutSeconds) * 1000),
    clientHeaders: Object.fromEntries(v.headers.map((h) => [h.name.trim(), h.value])),
  };
  if (v.useRateLimit)
    body.rateLimit = { requests: Number(v.rateRequests), perSeconds: Number(v.ratePerSeconds) };
  if (v.useOAuth2) {
    const o = v.oauth2;
    body.oauth2 = {
      tokenUrl: o.tokenUrl.trim(),
      clientId: o.clientId.trim(),
      authType: o.authType,
      ...(o.scope.trim() ? { scope: o.scope.trim() } : {}),
      ...(o.clientSecret ? { clientSecret: o.clientSecret } : {}),
    };
  }
  return body;
}

/** Server field names (e.g. `oauth2.tokenUrl`, `timeoutMs`) as form fields. */
export function formFieldOf(field: string): string {
  if (field === 'timeoutMs') return 'timeoutSeconds';
  if (field === 'rateLimit.requests') return 'rateRequests';
  if (field === 'rateLimit.perSeconds') return 'ratePerSeconds';
  if (field === 'clientHeaders') return 'headers.root';
  return field;
}

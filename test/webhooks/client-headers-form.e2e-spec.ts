import {
  bodyOf,
  emptyValues,
  subscriptionSchema,
} from '../../apps/portal/web/src/screens/webhooks/subscription-form';
import { callApi, webhooksSuite } from './harness';

/**
 * The portal's subscription form and the webhooks API judge a subscription's extra headers by
 * the same rules (libs/contracts client-header-rules): what the form lets through, the API
 * accepts, and what the API refuses, the form refuses first, with its own message.
 */
describe('subscription headers: the portal form and the webhooks API agree', () => {
  const suite = webhooksSuite('client_headers_form');

  const cases: [string, { name: string; value: string }[]][] = [
    ['an ordinary header', [{ name: 'X-Api-Key', value: 'k-1' }]],
    ['a token with every allowed symbol', [{ name: "x!#$%&'*+.^_`|~-1", value: 'v' }]],
    ['a tab inside the value', [{ name: 'x-note', value: 'a\tb' }]],
    ['a space in the name', [{ name: 'x api', value: 'v' }]],
    ['a colon in the name', [{ name: 'x:api', value: 'v' }]],
    ['a non-ASCII name', [{ name: 'x-ação', value: 'v' }]],
    ['the framing header Content-Length', [{ name: 'Content-Length', value: '1' }]],
    ['Transfer-Encoding', [{ name: 'transfer-encoding', value: 'chunked' }]],
    ['Host', [{ name: 'HOST', value: 'example.com' }]],
    ['a signature header', [{ name: 'Webhook-Signature', value: 'v1,forged' }]],
    ['a proxy header', [{ name: 'Proxy-Anything', value: 'v' }]],
    ['a CR/LF in the value', [{ name: 'x-a', value: 'v\r\nx-injected: 1' }]],
    ['a NUL in the value', [{ name: 'x-a', value: 'v\u0000' }]],
    ['DEL in the value', [{ name: 'x-a', value: 'v\u007f' }]],
    ['the mask a GET shows', [{ name: 'authorization', value: '********' }]],
    ['a 4096-character value', [{ name: 'x-long', value: 'v'.repeat(4096) }]],
    ['a 4097-character value', [{ name: 'x-long', value: 'v'.repeat(4097) }]],
    [
      'the same name twice, in two cases',
      [
        { name: 'X-Dup', value: '1' },
        { name: 'x-dup', value: '2' },
      ],
    ],
    ['32 headers', Array.from({ length: 32 }, (_, i) => ({ name: `x-h${i}`, value: 'v' }))],
    ['33 headers', Array.from({ length: 33 }, (_, i) => ({ name: `x-h${i}`, value: 'v' }))],
  ];

  it.each(cases)('%s', async (_label, headers) => {
    const values = {
      ...emptyValues(),
      postbackUrl: 'http://127.0.0.1:9/hook',
      techOwnerName: 'Tech Owner',
      techOwnerEmail: 'owner@example.com',
      headers,
    };
    const form = subscriptionSchema.safeParse(values);
    const api = await callApi(suite.hooks, 'POST', '/api/v1/webhooks', {
      payload: bodyOf(values),
    });
    const verdict = (ok: boolean) => (ok ? 'accepts' : 'refuses');
    expect({ form: verdict(form.success), status: api.status }).toEqual({
      form: verdict(api.status === 201),
      status: form.success ? 201 : 400,
    });
    // The form's refusal is about the headers, shown next to them.
    if (!form.success) expect(form.error.issues.map((i) => String(i.path[0]))).toContain('headers');
  });
});

import { clientHeaderProblems } from './client-headers';

describe('client header validation', () => {
  it('accepts the 004_* example', () => {
    expect(
      clientHeaderProblems({
        apiKey: 'apiToken',
        'content-type': 'application/json',
        token: 'abc123',
      }),
    ).toEqual([]);
  });

  it.each([
    [{ 'x-a': 'v\r\nx-b: injected' }, /CR\/LF/],
    [{ 'x-a': 'v\nx' }, /CR\/LF/],
    [{ 'bad name': 'v' }, /not a valid header name/],
    [{ Host: 'evil.example' }, /may not be set/],
    [{ 'Content-Length': '1' }, /may not be set/],
    [{ 'transfer-encoding': 'chunked' }, /may not be set/],
    [{ connection: 'close' }, /may not be set/],
    [{ 'Webhook-Signature': 'v1,x' }, /may not be set/],
    [{ token: 'a', TOKEN: 'b' }, /twice/],
    [{ token: 5 }, /must be a string/],
    [{ authorization: '********' }, /the mask a GET shows/],
  ])('refuses %p', (headers, problem) => {
    expect(clientHeaderProblems(headers as Record<string, unknown>).join('; ')).toMatch(problem);
  });
});

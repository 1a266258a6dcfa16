import { BodyTooLargeError } from './body-limit';
import { isUpstreamFailure, upstreamProblem } from './problem-reply';

const wrapped = (cause: unknown): Error => Object.assign(new Error('response errored'), { cause });
const coded = (code: string): Error => Object.assign(new Error(code), { code });

describe('upstreamProblem', () => {
  it('blames the caller (413) when its body broke the forward, however deep the cause', () => {
    expect(upstreamProblem(wrapped(wrapped(new BodyTooLargeError(10))), 'users').status).toBe(413);
  });

  it('answers 504 when the service did not answer in time', () => {
    expect(upstreamProblem(wrapped(coded('UND_ERR_HEADERS_TIMEOUT')), 'users').status).toBe(504);
    expect(upstreamProblem(coded('UND_ERR_CONNECT_TIMEOUT'), 'users').status).toBe(504);
  });

  it('answers 502 naming the service, without the cause, when it cannot be reached', () => {
    const problem = upstreamProblem(wrapped(coded('ECONNREFUSED')), 'audit');
    expect(problem).toMatchObject({ status: 502, detail: 'The audit service is unavailable.' });
    expect(JSON.stringify(problem)).not.toContain('ECONNREFUSED');
  });
});

describe('isUpstreamFailure', () => {
  it("tells a broken connection to a service (undici's codes, resets) from the gateway's own errors", () => {
    expect(isUpstreamFailure(coded('UND_ERR_SOCKET'))).toBe(true);
    expect(isUpstreamFailure(wrapped(coded('ECONNRESET')))).toBe(true);
    expect(isUpstreamFailure(wrapped(coded('UND_ERR_BODY_TIMEOUT')))).toBe(true);
    expect(isUpstreamFailure(new TypeError('x is undefined'))).toBe(false);
    expect(isUpstreamFailure(coded('FST_ERR_BAD_STATUS_CODE'))).toBe(false);
  });
});

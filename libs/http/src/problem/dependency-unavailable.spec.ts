import { isDependencyUnavailable } from './dependency-unavailable';

/** What `fetch` throws when its peer breaks off: a TypeError whose cause carries undici's code. */
const fetchFailed = (code: string) =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });

describe('isDependencyUnavailable', () => {
  it('sees an HTTP peer that broke off or did not answer, through fetch’s cause', () => {
    expect(isDependencyUnavailable(fetchFailed('UND_ERR_SOCKET'))).toBe(true);
    expect(isDependencyUnavailable(fetchFailed('UND_ERR_CONNECT_TIMEOUT'))).toBe(true);
    expect(isDependencyUnavailable(fetchFailed('ECONNREFUSED'))).toBe(true);
  });

  it('leaves defects alone: a programming error of the client is not an outage', () => {
    expect(isDependencyUnavailable(fetchFailed('UND_ERR_INVALID_ARG'))).toBe(false);
    expect(isDependencyUnavailable(new TypeError('fetch failed'))).toBe(false);
    expect(isDependencyUnavailable(new Error('boom'))).toBe(false);
  });
});

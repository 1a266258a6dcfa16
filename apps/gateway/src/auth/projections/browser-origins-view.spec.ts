import { BrowserOriginsView } from './browser-origins-view';

const T0 = Date.parse('2026-01-01T12:00:00Z');

describe('BrowserOriginsView', () => {
  let view: BrowserOriginsView;
  beforeEach(() => (view = new BrowserOriginsView()));

  it('allows the origins of a browser client’s redirect URIs, not a server client’s', () => {
    view.clientChanged(
      'spa',
      'browser',
      ['https://app.example.com/cb', 'http://localhost:5173/x'],
      T0,
    );
    view.clientChanged('web', 'server', ['https://server.example.com/cb'], T0);
    expect(view.allows('https://app.example.com')).toBe(true);
    expect(view.allows('http://localhost:5173')).toBe(true);
    expect(view.allows('https://server.example.com')).toBe(false);
    expect(view.allows('https://app.example.com:8443')).toBe(false);
  });

  it('follows a client’s latest redirect URIs, whatever order the news comes in', () => {
    view.clientChanged('spa', 'anonymous', ['https://new.example.com/cb'], T0 + 10);
    view.clientChanged('spa', 'anonymous', ['https://old.example.com/cb'], T0);
    expect(view.allows('https://new.example.com')).toBe(true);
    expect(view.allows('https://old.example.com')).toBe(false);
  });

  it('keeps an origin while another client still names it, and forgets a deleted client for good', () => {
    view.clientChanged('a', 'browser', ['https://shared.example.com/a'], T0);
    view.clientChanged('b', 'browser', ['https://shared.example.com/b'], T0);
    view.clientDeleted('a');
    expect(view.allows('https://shared.example.com')).toBe(true);
    view.clientDeleted('b');
    view.applyRecord({
      clientId: 'b',
      kind: 'browser',
      redirectUris: ['https://shared.example.com/b'],
      updatedAt: new Date(T0 + 100).toISOString(),
    });
    expect(view.allows('https://shared.example.com')).toBe(false);
  });

  it('learns nothing from an event without redirect URIs and never allows a non-web scheme', () => {
    view.clientChanged('old', 'browser', undefined, T0);
    view.clientChanged('native', 'anonymous', ['com.example.app:/callback'], T0);
    expect(view.allows('null')).toBe(false);
    expect(view.allows('com.example.app:')).toBe(false);
  });
});

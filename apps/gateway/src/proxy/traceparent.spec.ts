import { nextTraceparent } from './traceparent';

const FORMAT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

describe('nextTraceparent', () => {
  it("continues the caller's trace under a new span", () => {
    const next = nextTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(next).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(next).not.toContain('00f067aa0ba902b7');
  });

  it.each([
    undefined,
    'garbage',
    '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
    ['a', 'b'],
  ])('starts a new trace when the incoming one is %p', (incoming) => {
    const next = nextTraceparent(incoming);
    expect(next).toMatch(FORMAT);
    expect(next).not.toBe(nextTraceparent(incoming));
  });
});

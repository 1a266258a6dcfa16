import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RouteOptions } from 'fastify';
import { installTokenRoute, TOKEN_PATH, TokenRoute } from './token-route';

/** An app whose Fastify instance records the onRoute hook `installTokenRoute` adds. */
function appWith(route: Pick<TokenRoute, 'handle'>) {
  const hooks: ((o: RouteOptions) => void)[] = [];
  const app = {
    get: () => route,
    getHttpAdapter: () => ({
      getInstance: () => ({
        addHook: (name: string, hook: (o: RouteOptions) => void) => {
          expect(name).toBe('onRoute');
          hooks.push(hook);
        },
      }),
    }),
  } as unknown as NestFastifyApplication;
  return { app, onRoute: (o: RouteOptions) => hooks.forEach((h) => h(o)) };
}

describe('installTokenRoute (ADR 0024)', () => {
  it("gives the token route TokenRoute's handler when Nest registers it, and no other route", async () => {
    const handle = jest.fn(async (_req: unknown, reply: unknown) => reply);
    const { app, onRoute } = appWith({ handle } as unknown as TokenRoute);
    installTokenRoute(app);

    const nest = jest.fn();
    const token = { method: 'POST', url: TOKEN_PATH, handler: nest } as unknown as RouteOptions;
    const legacy = { method: 'POST', url: '/auth', handler: nest } as unknown as RouteOptions;
    const getToken = { method: 'GET', url: TOKEN_PATH, handler: nest } as unknown as RouteOptions;
    [token, legacy, getToken].forEach(onRoute);

    expect(legacy.handler).toBe(nest);
    expect(getToken.handler).toBe(nest);
    expect(token.handler).not.toBe(nest);
    const reply = {};
    await (token.handler as unknown as (req: unknown, reply: unknown) => Promise<unknown>)(
      { id: 'r1' },
      reply,
    );
    expect(handle).toHaveBeenCalledWith({ id: 'r1' }, reply);
    expect(nest).not.toHaveBeenCalled();
  });
});

import type { FastifyRequest } from 'fastify';
import { matchRoute } from '../routing/route-table';
import { GatewayHttpException } from './problem-reply';
import { UnauthenticatedGateway } from './unauthenticated.gateway';

describe('UnauthenticatedGateway', () => {
  const gateway = new UnauthenticatedGateway();
  const request = {} as FastifyRequest;

  it('lets open OAuth endpoints through without a principal', async () => {
    await expect(
      gateway.authenticate(request, matchRoute('POST', '/auth/oauth2/token')!),
    ).resolves.toBeUndefined();
  });

  it('refuses protected routes with 401 and a Bearer challenge', async () => {
    const refusal = gateway.authenticate(request, matchRoute('GET', '/audit/v1/events')!);
    await expect(refusal).rejects.toBeInstanceOf(GatewayHttpException);
    await expect(refusal).rejects.toMatchObject({
      status: 401,
      headers: { 'WWW-Authenticate': expect.stringMatching(/^Bearer/) },
    });
  });
});

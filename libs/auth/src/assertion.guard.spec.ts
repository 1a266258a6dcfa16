import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  AssertionSigner,
  AssertionVerifier,
  ASSERTION_HEADER,
  generateAssertionKeys,
} from './assertion';
import { AssertionGuard } from './assertion.guard';
import { InternalAssertionVerifier } from './internal';
import type { Principal } from './principal';
import { ReusableAssertions } from './reusable-assertions';

const keys = generateAssertionKeys();
const caller: Principal = {
  clientId: 'c1',
  scopes: ['users.suite'],
  tokenId: 't1',
  requestId: 'r1',
};

/** A route handler with no metadata: neither public nor internal. */
const handler = (): string => 'ok';

function contextFor(request: object): ExecutionContext {
  return {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => class Controller {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('the assertion guard and request ids (ADR 0020)', () => {
  const guard = new AssertionGuard(
    new Reflector(),
    new AssertionVerifier(keys.publicKey, 'users'),
    new InternalAssertionVerifier(keys.publicKey, 'users'),
  );

  it("names each request by its own id when the gateway reused the caller's assertion", async () => {
    const assertion = await new ReusableAssertions(new AssertionSigner(keys.privateKey)).for(
      caller,
      'users',
    );
    const first = { id: 'req-1', headers: { [ASSERTION_HEADER]: assertion } } as {
      principal?: Principal;
    };
    const second = { id: 'req-2', headers: { [ASSERTION_HEADER]: assertion } } as {
      principal?: Principal;
    };
    await expect(guard.canActivate(contextFor(first))).resolves.toBe(true);
    await expect(guard.canActivate(contextFor(second))).resolves.toBe(true);
    expect(first.principal).toMatchObject({ clientId: 'c1', requestId: 'req-1' });
    expect(second.principal).toMatchObject({ clientId: 'c1', requestId: 'req-2' });
  });

  it('keeps the request id an assertion signed for one call carries', async () => {
    const assertion = await new AssertionSigner(keys.privateKey).sign(caller, 'users');
    const request = { id: 'other', headers: { [ASSERTION_HEADER]: assertion } } as {
      principal?: Principal;
    };
    await guard.canActivate(contextFor(request));
    expect(request.principal?.requestId).toBe('r1');
  });
});

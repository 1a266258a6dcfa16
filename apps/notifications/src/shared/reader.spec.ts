import { BadRequestException, ForbiddenException } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import { readerOf, targetContext } from './reader';

const A = { entity: 'ea', database: 'da' };
const B = { entity: 'eb', database: 'db' };
const inA = (role: 'admin' | 'user' = 'user'): Principal => ({
  clientId: 'suite',
  userId: 'joao',
  scopes: ['notifications.suite'],
  tokenId: 't',
  requestId: 'r',
  context: { ...A, accessId: 'x', role },
});

describe('who reads and where a message goes', () => {
  it('reads as the user in its context, admin only with an admin access', () => {
    expect(readerOf(inA('admin'))).toEqual({
      id: 'joao',
      context: { ...A, admin: true },
      platformAdmin: false,
    });
    expect(readerOf({ ...inA(), userId: undefined, context: undefined })).toEqual({
      id: 'suite',
      platformAdmin: false,
    });
  });

  it('reads the messages to the platform administrators only with platform.admin', () => {
    expect(readerOf({ ...inA(), scopes: ['platform.admin'], context: undefined })).toEqual({
      id: 'joao',
      platformAdmin: true,
    });
  });

  it('sends CONTEXT messages to the caller context unless platform.admin names another', () => {
    expect(targetContext(inA(), undefined, true)).toEqual(A);
    expect(targetContext(inA(), A, true)).toEqual(A);
    expect(() => targetContext(inA(), B, true)).toThrow(ForbiddenException);
    expect(targetContext({ ...inA(), scopes: ['platform.admin'] }, B, true)).toEqual(B);
    expect(() => targetContext({ ...inA(), context: undefined }, undefined, true)).toThrow(
      BadRequestException,
    );
  });

  it('leaves a USER message without a context unless one is named', () => {
    expect(targetContext(inA(), null, false)).toBeNull();
    expect(() => targetContext(inA(), B, false)).toThrow(ForbiddenException);
  });
});

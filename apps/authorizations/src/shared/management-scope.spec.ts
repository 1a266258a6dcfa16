import { BadRequestException } from '@nestjs/common';
import { roleOf } from '../accesses/usecases/grant-access.usecase';
import { inScope } from './management-scope';

describe('management rules', () => {
  it('derives the role from the seed `admin` flag, refined by `role`', () => {
    expect(roleOf(true, undefined)).toBe('admin');
    expect(roleOf(false, undefined)).toBe('user');
    expect(roleOf(false, 'technician')).toBe('technician');
    expect(() => roleOf(true, 'technician')).toThrow(BadRequestException);
    expect(() => roleOf(false, 'admin')).toThrow(BadRequestException);
  });

  it('keeps a manager to its own context, platform admins to every context', () => {
    const scope = { kind: 'context' as const, entity: 'e1', database: 'd1' };
    expect(inScope(scope, { entity: 'e1', database: 'd1' })).toBe(true);
    expect(inScope(scope, { entity: 'e1', database: 'd2' })).toBe(false);
    expect(inScope(scope, { entity: 'e2', database: 'd1' })).toBe(false);
    expect(inScope({ kind: 'all' }, { entity: 'e2', database: 'd9' })).toBe(true);
  });
});

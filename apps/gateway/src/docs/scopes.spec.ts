import { ROUTES } from '../routing/route-table';
import { SCOPE_DESCRIPTIONS } from './scopes';

describe('SCOPE_DESCRIPTIONS', () => {
  it('describes every scope the route table asks for', () => {
    const needed = new Set(ROUTES.flatMap((r) => (r.auth.kind === 'none' ? [] : r.auth.scopes)));
    expect([...needed].filter((s) => !(s in SCOPE_DESCRIPTIONS))).toEqual([]);
  });
});

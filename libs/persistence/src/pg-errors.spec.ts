import { isForeignKeyViolation, isUniqueViolation, pgCode } from './pg-errors';

describe('pg-errors', () => {
  it('reads the SQLSTATE of a driver error', () => {
    expect(pgCode({ code: '23505' })).toBe('23505');
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isForeignKeyViolation({ code: '23503' })).toBe(true);
  });
  it('answers no code for anything else', () => {
    expect(pgCode(new Error('x'))).toBeUndefined();
    expect(pgCode(undefined)).toBeUndefined();
    expect(isUniqueViolation('23505')).toBe(false);
  });
});

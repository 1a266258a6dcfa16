import { parseScopes } from './scopes';

describe('parseScopes', () => {
  it('reads RFC 6749 `scope` (spaces) and 002_* `scopes` (commas), deduplicated', () => {
    expect(parseScopes('a b', undefined)).toEqual(['a', 'b']);
    expect(parseScopes(undefined, 'escopo1,escopo2')).toEqual(['escopo1', 'escopo2']);
    expect(parseScopes('escopo1,escopo2', undefined)).toEqual(['escopo1', 'escopo2']);
    expect(parseScopes('a', 'a,b')).toEqual(['a', 'b']);
  });

  it('says "none requested" for absent or blank values', () => {
    expect(parseScopes(undefined, undefined)).toBeUndefined();
    expect(parseScopes('  ', '')).toBeUndefined();
  });
});

/**
 * Strings Postgres cannot store as they are: `text` refuses U+0000 ("invalid byte sequence for
 * encoding UTF8: 0x00", a 5xx if it reaches the database) and a lone UTF-16 surrogate (`\ud800`
 * in a JSON string) has no UTF-8 form, so the driver silently stores U+FFFD instead. Both are
 * refused at the door, naming the field, instead of failing or changing data later.
 */
const NUL = '\u0000';
const LONE_SURROGATE = /\p{Cs}/u;
const MAX_FAULTS = 20;

export type InputLocation = 'query' | 'path' | 'body';

export interface InputFault {
  /** Dotted path of the field, as the validation pipe names fields (`items.0.name`). */
  field: string;
  message: string;
}

const WHERE: Record<InputLocation, string> = {
  query: 'query parameter',
  path: 'path parameter',
  body: 'field',
};

/** What is wrong with one string, if anything. */
export function stringFault(text: string): string | undefined {
  if (text.includes(NUL)) return 'must not contain NUL characters (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (it has a lone surrogate)';
  return undefined;
}

/** Every bad string in a parsed request part (up to MAX_FAULTS), keys included, at any depth. */
export function findInputFaults(value: unknown, location: InputLocation): InputFault[] {
  const faults: InputFault[] = [];
  // A queue, not recursion: a 1 MiB JSON body can nest deeper than the call stack goes.
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let next = 0; next < pending.length && faults.length < MAX_FAULTS; next++) {
    const { value: current, path } = pending[next];
    if (typeof current === 'string') {
      const fault = stringFault(current);
      if (fault) faults.push(describe(location, path, fault));
      continue;
    }
    if (current === null || typeof current !== 'object' || Buffer.isBuffer(current)) continue;
    for (const [key, member] of Object.entries(current as Record<string, unknown>)) {
      const memberPath = path ? `${path}.${printable(key)}` : printable(key);
      const keyFault = stringFault(key);
      if (keyFault) faults.push(describe(location, memberPath, `name ${keyFault}`));
      pending.push({ value: member, path: memberPath });
    }
  }
  return faults;
}

function describe(location: InputLocation, path: string, fault: string): InputFault {
  const field = path || location;
  return { field, message: `${WHERE[location]} ${field} ${fault}` };
}

/** Field names as they can be shown: control characters and lone surrogates escaped (`a\u0000b`). */
export function printable(name: string): string {
  return Array.from(name, (c) =>
    c.charCodeAt(0) < 0x20 || LONE_SURROGATE.test(c)
      ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
      : c,
  ).join('');
}

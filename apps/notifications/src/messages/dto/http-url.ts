import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * An absolute `http:` or `https:` URL (WHATWG parsing, as browsers do). Message links are shown to
 * users as links: any other scheme (`javascript:`, `data:`, `vbscript:`, `file:`) would run or
 * open something in the reader's session instead of navigating (security issue item 9).
 */
export function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function IsHttpUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHttpUrl',
      validator: {
        validate: (value: unknown) => isHttpUrl(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an absolute http(s) URL`,
      },
    },
    options,
  );
}

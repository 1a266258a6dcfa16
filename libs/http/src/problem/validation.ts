import {
  ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';

/**
 * The pipe every service uses: strips nothing silently, refuses unknown fields, lists each bad one.
 * A query parameter a handler takes by name (`@Query('key') key: string`) is also refused when it
 * is repeated, unless the handler declares an array: the parser makes an array of it, which such
 * handlers do not expect (`tokeninfo?access_token=a&access_token=b` was a 500). RFC 6749 §3.1
 * says the same of OAuth parameters: "MUST NOT be included more than once".
 */
class PlatformValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { type, data: name, metatype } = metadata;
    if (type === 'query' && name && Array.isArray(value) && metatype !== Array) {
      const message = `query parameter ${name} must be given once`;
      throw new BadRequestException({ message, errors: [{ field: name, messages: [message] }] });
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({
        message: 'The request is not valid.',
        errors: flatten(errors),
      }),
  });
}

function flatten(errors: ValidationError[], prefix = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { isPlatformAdmin, type Principal } from '@platform/auth';
import { UsersRepository } from '../../users.repository';
import { mediaTypeOf, PHOTO_TYPES, PhotoType, sniffImageType } from '../image-type';
import { PhotosRepository } from '../photos.repository';

/**
 * Stores a user's photo. Checked in this order: the caller is the user or an admin (403), the
 * declared type is an accepted image type (415), the bytes are that type (400), the user exists
 * (404).
 */
@Injectable()
export class PutPhotoUseCase {
  constructor(
    private readonly photos: PhotosRepository,
    private readonly users: UsersRepository,
  ) {}

  async execute(
    caller: Principal,
    userId: string,
    contentType: string | undefined,
    body: unknown,
  ): Promise<void> {
    if (caller.userId !== userId && !isPlatformAdmin(caller))
      throw new ForbiddenException("only the user or an admin may change a user's photo");
    const declared = mediaTypeOf(contentType);
    if (!(PHOTO_TYPES as readonly string[]).includes(declared) || !Buffer.isBuffer(body)) {
      throw new UnsupportedMediaTypeException(`a photo must be one of ${PHOTO_TYPES.join(', ')}`);
    }
    const actual = sniffImageType(body);
    if (actual !== (declared as PhotoType)) {
      throw new BadRequestException(
        `the content is ${actual ?? 'not a supported image'}, not ${declared}`,
      );
    }
    if (!(await this.users.findById(userId)))
      throw new NotFoundException(`user '${userId}' not found`);
    await this.photos.save(userId, actual, body);
  }
}

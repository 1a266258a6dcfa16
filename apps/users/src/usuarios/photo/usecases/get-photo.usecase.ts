import { Injectable, NotFoundException } from '@nestjs/common';
import { UserPhotoEntity } from '../photo.entity';
import { PhotosRepository } from '../photos.repository';

/** A user's photo; 404 when the user has none. */
@Injectable()
export class GetPhotoUseCase {
  constructor(private readonly photos: PhotosRepository) {}

  async execute(userId: string): Promise<UserPhotoEntity> {
    const photo = await this.photos.find(userId);
    if (!photo) throw new NotFoundException(`user '${userId}' has no photo`);
    return photo;
  }
}

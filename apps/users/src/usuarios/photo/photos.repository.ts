import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UserPhotoEntity } from './photo.entity';

@Injectable()
export class PhotosRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(userId: string): Promise<UserPhotoEntity | null> {
    return this.dataSource.manager.findOne(UserPhotoEntity, { where: { userId } });
  }

  async save(userId: string, contentType: string, data: Buffer): Promise<UserPhotoEntity> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    await this.dataSource.manager.upsert(
      UserPhotoEntity,
      { userId, contentType, data, sha256, updatedAt: new Date() },
      ['userId'],
    );
    return (await this.find(userId)) as UserPhotoEntity;
  }
}

import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Put,
  Res,
  StreamableFile,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { isPlatformAdmin, Principal, Scopes } from '@platform/auth';
import { UsersRepository } from '../users/users.repository';
import { mediaTypeOf, PHOTO_TYPES, PhotoType, sniffImageType } from './image-type';
import { PhotosRepository } from './photos.repository';

const imageContent = Object.fromEntries(
  PHOTO_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
);

/** A user's photo (`002_*`: "Consultar imagem vinculada ao usuário"). */
@ApiTags('usuarios')
@Scopes('users.suite')
@Controller('usuarios/v0.1/api/usuarios/:id/photo')
export class PhotosController {
  constructor(
    private readonly photos: PhotosRepository,
    private readonly users: UsersRepository,
  ) {}

  @Get()
  @ApiOkResponse({
    description: 'The photo, in the image type it was uploaded as.',
    content: imageContent,
  })
  async get(
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const photo = await this.photos.find(id);
    if (!photo) throw new NotFoundException(`user '${id}' has no photo`);
    void reply.header('etag', `"${photo.sha256}"`).header('x-content-type-options', 'nosniff');
    return new StreamableFile(photo.data, { type: photo.contentType, length: photo.data.length });
  }

  /** The body is the image itself; its bytes must be the image type it declares. */
  @Put()
  @HttpCode(204)
  @ApiConsumes(...PHOTO_TYPES)
  @ApiBody({
    schema: { type: 'string', format: 'binary' },
    description: 'The image itself (5 MiB at most).',
  })
  @ApiNoContentResponse({ description: 'Stored.' })
  async put(
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Principal() caller: Principal,
  ): Promise<void> {
    if (caller.userId !== id && !isPlatformAdmin(caller))
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
    if (!(await this.users.findById(id))) throw new NotFoundException(`user '${id}' not found`);
    await this.photos.save(id, actual, body);
  }
}

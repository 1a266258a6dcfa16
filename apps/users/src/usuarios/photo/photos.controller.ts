import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Put,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Principal, Scopes } from '@platform/auth';
import { PHOTO_TYPES } from './image-type';
import { GetPhotoUseCase } from './usecases/get-photo.usecase';
import { PutPhotoUseCase } from './usecases/put-photo.usecase';

const imageContent = Object.fromEntries(
  PHOTO_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
);

/** A user's photo (`002_*`: "Consultar imagem vinculada ao usuário"). */
@ApiTags('usuarios')
@Scopes('users.suite')
@Controller('usuarios/v0.1/api')
export class PhotosController {
  constructor(
    private readonly getPhoto: GetPhotoUseCase,
    private readonly putPhoto: PutPhotoUseCase,
  ) {}

  @Get('usuarios/:id/photo')
  @ApiOkResponse({
    description: 'The photo, in the image type it was uploaded as.',
    content: imageContent,
  })
  async get(
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const photo = await this.getPhoto.execute(id);
    void reply.header('etag', `"${photo.sha256}"`).header('x-content-type-options', 'nosniff');
    return new StreamableFile(photo.data, { type: photo.contentType, length: photo.data.length });
  }

  /** The body is the image itself; its bytes must be the image type it declares. */
  @Put('usuarios/:id/photo')
  @HttpCode(204)
  @ApiConsumes(...PHOTO_TYPES)
  @ApiBody({
    schema: { type: 'string', format: 'binary' },
    description: 'The image itself (5 MiB at most).',
  })
  @ApiNoContentResponse({ description: 'Stored.' })
  put(
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Principal() caller: Principal,
  ): Promise<void> {
    return this.putPhoto.execute(caller, id, contentType, body);
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, Idempotent, ListQuery, mapPage, Page } from '@platform/http';
import { readerOf } from '../shared/reader';
import { MessageResponse, ReadAllResponse, toMessageResponse } from './dto/message.response';
import { SendMessageDto } from './dto/send-message.dto';
import { ReadFilter } from './messages.repository';
import { ListMessagesUseCase } from './usecases/list-messages.usecase';
import { PostMessageUseCase } from './usecases/post-message.usecase';
import { ReadAllMessagesUseCase } from './usecases/read-all-messages.usecase';
import { ReadMessageUseCase } from './usecases/read-message.usecase';
import { UnreadMessageUseCase } from './usecases/unread-message.usecase';

/** Notifications (`002_*` "Notificações"): a caller's own and its context's messages. */
@ApiTags('messages')
@Scopes('notifications.suite')
@Controller('notifications/api')
export class MessagesController {
  constructor(
    private readonly listMessages: ListMessagesUseCase,
    private readonly postMessage: PostMessageUseCase,
    private readonly readMessage: ReadMessageUseCase,
    private readonly unreadMessage: UnreadMessageUseCase,
    private readonly readAllMessages: ReadAllMessagesUseCase,
  ) {}

  @Get('messages')
  @ApiPageResponse(MessageResponse)
  all(@Principal() caller: Principal, @Query() query: ListQuery): Promise<Page<MessageResponse>> {
    return this.list(caller, query, 'all');
  }

  @Get('messages/unreads')
  @ApiPageResponse(MessageResponse)
  unreads(
    @Principal() caller: Principal,
    @Query() query: ListQuery,
  ): Promise<Page<MessageResponse>> {
    return this.list(caller, query, 'unread');
  }

  @Get('messages/reads')
  @ApiPageResponse(MessageResponse)
  reads(@Principal() caller: Principal, @Query() query: ListQuery): Promise<Page<MessageResponse>> {
    return this.list(caller, query, 'read');
  }

  @Post('messages')
  @HttpCode(201)
  @Idempotent()
  async send(
    @Principal() caller: Principal,
    @Body() body: SendMessageDto,
  ): Promise<MessageResponse> {
    return toMessageResponse(await this.postMessage.execute(caller, body), false);
  }

  @Post('messages/read-all')
  @HttpCode(200)
  async readAll(@Principal() caller: Principal): Promise<ReadAllResponse> {
    return { read: await this.readAllMessages.execute(readerOf(caller)) };
  }

  @Post('messages/:id/read')
  @HttpCode(200)
  async read(
    @Principal() caller: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MessageResponse> {
    return toMessageResponse(await this.readMessage.execute(readerOf(caller), id), true);
  }

  @Post('messages/:id/unread')
  @HttpCode(200)
  async unread(
    @Principal() caller: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MessageResponse> {
    return toMessageResponse(await this.unreadMessage.execute(readerOf(caller), id), false);
  }

  private async list(
    caller: Principal,
    query: ListQuery,
    filter: ReadFilter,
  ): Promise<Page<MessageResponse>> {
    return mapPage(await this.listMessages.execute(readerOf(caller), query, filter), (m) =>
      toMessageResponse(m),
    );
  }
}

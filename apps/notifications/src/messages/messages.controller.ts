import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Principal, Scopes } from '@platform/auth';
import { ApiPageResponse, Idempotent, ListQuery, mapPage, Page } from '@platform/http';
import { readerOf, targetContext } from '../shared/reader';
import { MessageResponse, ReadAllResponse, toMessageResponse } from './dto/message.response';
import { SendMessageDto } from './dto/send-message.dto';
import { MessagesRepository, ReadFilter } from './messages.repository';
import { ReadStateUseCase } from './usecases/read-state.usecase';
import { SendMessageUseCase } from './usecases/send-message.usecase';

/** Notifications (`002_*` "Notificações"): a caller's own and its context's messages. */
@ApiTags('messages')
@Scopes('notifications.suite')
@Controller('notifications/api/messages')
export class MessagesController {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly sendMessage: SendMessageUseCase,
    private readonly readState: ReadStateUseCase,
  ) {}

  @Get()
  @ApiPageResponse(MessageResponse)
  all(@Principal() caller: Principal, @Query() query: ListQuery): Promise<Page<MessageResponse>> {
    return this.list(caller, query, 'all');
  }

  @Get('unreads')
  @ApiPageResponse(MessageResponse)
  unreads(
    @Principal() caller: Principal,
    @Query() query: ListQuery,
  ): Promise<Page<MessageResponse>> {
    return this.list(caller, query, 'unread');
  }

  @Get('reads')
  @ApiPageResponse(MessageResponse)
  reads(@Principal() caller: Principal, @Query() query: ListQuery): Promise<Page<MessageResponse>> {
    return this.list(caller, query, 'read');
  }

  @Post()
  @HttpCode(201)
  @Idempotent()
  async send(
    @Principal() caller: Principal,
    @Body() body: SendMessageDto,
  ): Promise<MessageResponse> {
    const context = targetContext(caller, body.context, body.destination === 'CONTEXT');
    const { read: _read, contextDestined: _c, userDestined: _u, context: _ctx, ...fields } = body;
    const message = await this.sendMessage.execute({
      ...fields,
      user: body.destination === 'USER' ? body.user : null,
      entity: context?.entity ?? null,
      database: context?.database ?? null,
      createdBy: caller.userId ?? caller.clientId,
    });
    return toMessageResponse(message, false);
  }

  @Post('read-all')
  @HttpCode(200)
  async readAll(@Principal() caller: Principal): Promise<ReadAllResponse> {
    return { read: await this.readState.readAll(readerOf(caller)) };
  }

  @Post(':id/read')
  @HttpCode(200)
  async read(
    @Principal() caller: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MessageResponse> {
    return toMessageResponse(await this.readState.read(readerOf(caller), id), true);
  }

  @Post(':id/unread')
  @HttpCode(200)
  async unread(
    @Principal() caller: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MessageResponse> {
    return toMessageResponse(await this.readState.unread(readerOf(caller), id), false);
  }

  private async list(
    caller: Principal,
    query: ListQuery,
    filter: ReadFilter,
  ): Promise<Page<MessageResponse>> {
    return mapPage(await this.messages.list(readerOf(caller), query, filter), (m) =>
      toMessageResponse(m),
    );
  }
}

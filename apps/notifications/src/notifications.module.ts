import { Module } from '@nestjs/common';
import { NotifyOnEvents } from './consumers/notify-on-events';
import { MessageStreamController } from './messages/message-stream.controller';
import { MessagesController } from './messages/messages.controller';
import { MessagesRepository } from './messages/messages.repository';
import { ListMessagesUseCase } from './messages/usecases/list-messages.usecase';
import { PostMessageUseCase } from './messages/usecases/post-message.usecase';
import { ReadAllMessagesUseCase } from './messages/usecases/read-all-messages.usecase';
import { ReadMessageUseCase } from './messages/usecases/read-message.usecase';
import { SendMessageUseCase } from './messages/usecases/send-message.usecase';
import { UnreadMessageUseCase } from './messages/usecases/unread-message.usecase';
import { ChannelRequestsHandler } from './platform-admins/channel-requests.handler';

@Module({
  controllers: [MessagesController, MessageStreamController],
  providers: [
    MessagesRepository,
    ListMessagesUseCase,
    PostMessageUseCase,
    SendMessageUseCase,
    ReadMessageUseCase,
    UnreadMessageUseCase,
    ReadAllMessagesUseCase,
    NotifyOnEvents,
    ChannelRequestsHandler,
  ],
})
export class NotificationsModule {}

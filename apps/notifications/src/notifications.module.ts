import { Module } from '@nestjs/common';
import { NotifyOnEvents } from './consumers/notify-on-events';
import { MessageStreamController } from './messages/message-stream.controller';
import { MessagesController } from './messages/messages.controller';
import { MessagesRepository } from './messages/messages.repository';
import { ReadStateUseCase } from './messages/usecases/read-state.usecase';
import { SendMessageUseCase } from './messages/usecases/send-message.usecase';
import { ChannelRequestsHandler } from './platform-admins/channel-requests.handler';

@Module({
  controllers: [MessagesController, MessageStreamController],
  providers: [
    MessagesRepository,
    SendMessageUseCase,
    ReadStateUseCase,
    NotifyOnEvents,
    ChannelRequestsHandler,
  ],
})
export class NotificationsModule {}

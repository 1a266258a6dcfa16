import { Injectable } from '@nestjs/common';
import { actorId, type Principal } from '@platform/auth';
import { targetContext } from '../../shared/reader';
import { SendMessageDto } from '../dto/send-message.dto';
import { MessageEntity } from '../message.entity';
import { SendMessageUseCase } from './send-message.usecase';

/**
 * `POST messages`: a caller sends a message to a user or to a context (its own, or any for
 * `platform.admin`); the body's read flags and derived fields are not stored as given.
 */
@Injectable()
export class PostMessageUseCase {
  constructor(private readonly sendMessage: SendMessageUseCase) {}

  execute(caller: Principal, body: SendMessageDto): Promise<MessageEntity> {
    const context = targetContext(caller, body.context, body.destination === 'CONTEXT');
    const { read: _read, contextDestined: _c, userDestined: _u, context: _ctx, ...fields } = body;
    return this.sendMessage.execute({
      ...fields,
      user: body.destination === 'USER' ? body.user : null,
      entity: context?.entity ?? null,
      database: context?.database ?? null,
      createdBy: actorId(caller),
    });
  }
}

import { Injectable, NotFoundException } from '@nestjs/common';
import { UserDisabled, UserUpdated } from '@platform/contracts';
import { draft, EventDraft, OutboxPublisher } from '@platform/messaging';
import { toUserPayload } from '../dto/user.response';
import { UpdateUserDto } from '../dto/update-user.dto';
import { UserEntity } from '../user.entity';
import { UsersRepository } from '../users.repository';

/**
 * Changes a user's name, e-mail or status. Any change publishes `user.updated`; disabling
 * also publishes `user.disabled`, on which oauth ends the user's sessions and tokens.
 */
@Injectable()
export class UpdateUserUseCase {
  constructor(
    private readonly users: UsersRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(id: string, changes: UpdateUserDto, actor?: string): Promise<UserEntity> {
    return this.users.transaction(async (manager) => {
      const current = await this.users.findForUpdate(id, manager);
      if (!current) throw new NotFoundException(`user '${id}' not found`);
      const patch = diff(current, changes);
      if (Object.keys(patch).length === 0) return current;
      const disabling = patch.status === 'disabled';
      if (patch.status) patch.disabledAt = disabling ? new Date() : null;
      const user = await this.users.update(id, patch, manager);
      const events: EventDraft[] = [draft(UserUpdated, id, toUserPayload(user))];
      if (disabling && user.disabledAt) {
        events.push(
          draft(UserDisabled, id, { id, disabledAt: user.disabledAt.toISOString(), by: actor }),
        );
      }
      await this.outbox.add(manager, ...events);
      return user;
    });
  }
}

function diff(current: UserEntity, changes: UpdateUserDto): Partial<UserEntity> {
  const patch: Partial<UserEntity> = {};
  if (changes.name !== undefined && changes.name !== current.name) patch.name = changes.name;
  if (changes.email !== undefined && changes.email !== current.email) patch.email = changes.email;
  if (changes.status !== undefined && changes.status !== current.status)
    patch.status = changes.status;
  return patch;
}

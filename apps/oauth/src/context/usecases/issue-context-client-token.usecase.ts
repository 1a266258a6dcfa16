import { Inject, Injectable } from '@nestjs/common';
import { ClientsRepository } from '../../clients/clients.repository';
import { IssueClientTokenDto } from '../../clients/dto/update-client.dto';
import { IssueClientTokenUseCase } from '../../clients/usecases/issue-client-token.usecase';
import type { ContextAdmin } from '../context-admin';
import { ownedClient } from './owned-client';

/** Issues a `000_*` client access token to a client of the caller's context. */
@Injectable()
export class IssueContextClientTokenUseCase {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(IssueClientTokenUseCase) private readonly issueToken: IssueClientTokenUseCase,
  ) {}

  async execute(
    caller: ContextAdmin,
    id: string,
    dto: IssueClientTokenDto,
  ): Promise<Record<string, unknown>> {
    await ownedClient(this.clients, caller.owner, id);
    return this.issueToken.execute(id, dto, caller.actor);
  }
}

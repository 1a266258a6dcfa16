import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scopes } from '@platform/auth';
import { eventTypeDoc, eventTypeDocs, WebhookTest, type EventTypeDoc } from '@platform/contracts';

export interface EventTypesResponse {
  /** Every type a subscription may name, sorted by type, then `webhook.test`. */
  content: EventTypeDoc[];
}

/**
 * The event types a subscriber can receive (spec §9), each with its JSON Schema and an example of
 * `data`: the domain events of the catalogue (the same definitions the AsyncAPI document is built
 * from) and `webhook.test`, the ping `…/test` sends. Types are not data of any context: any caller
 * with `webhooks.suite` reads them, no `User-Access` needed.
 */
@ApiTags('webhooks')
@Scopes('webhooks.suite')
@Controller('api/v1/event-types')
export class EventTypesController {
  private readonly catalogue: EventTypesResponse = {
    content: [...eventTypeDocs(), eventTypeDoc(WebhookTest)],
  };

  @Get()
  @ApiOperation({ summary: 'Every event type, with the JSON Schema and an example of its data' })
  list(): EventTypesResponse {
    return this.catalogue;
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scopes } from '@platform/auth';
import { eventTypeDoc, eventTypeDocs, WebhookTest } from '@platform/contracts';
import { EventTypeResponse, EventTypesResponse } from './event-types.response';

/**
 * The event types a subscriber can receive (spec §9), each with its JSON Schema and an example of
 * `data`: the domain events of the catalogue (the same definitions the AsyncAPI document is built
 * from) and `webhook.test`, the ping `…/test` sends. Types are not data of any context: any caller
 * with `webhooks.suite` reads them, no `User-Access` needed.
 */
@ApiTags('webhooks')
@Scopes('webhooks.suite')
@Controller('api/v1')
export class EventTypesController {
  private readonly catalogue: EventTypesResponse = {
    // Every example is an object (catalogue.spec.ts checks each against its schema).
    content: [...eventTypeDocs(), eventTypeDoc(WebhookTest)] as EventTypeResponse[],
  };

  @Get('event-types')
  @ApiOperation({ summary: 'Every event type, with the JSON Schema and an example of its data' })
  list(): EventTypesResponse {
    return this.catalogue;
  }
}

import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { EventDefinition } from '@platform/contracts';
import { ON_EVENT, ON_EVENT_BATCH, type EventBatchHandler, type EventHandler } from '../api';
import type { HandlerSet } from './event-processor';

/** Finds the app's `@OnEvent` methods; their event types decide what the service subscribes to. */
@Injectable()
export class HandlerDiscovery {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  discover(): Map<string, HandlerSet> {
    const sets = new Map<string, HandlerSet>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[name];
        if (typeof method !== 'function') continue;
        const definition = Reflect.getMetadata(ON_EVENT, method) as EventDefinition | undefined;
        if (definition) {
          const set = setOf(sets, definition);
          set.handlers.push((method as EventHandler).bind(instance));
        }
        const batched = Reflect.getMetadata(ON_EVENT_BATCH, method) as
          EventDefinition[] | undefined;
        if (batched) {
          const bound = (method as EventBatchHandler).bind(instance);
          for (const d of batched) setOf(sets, d).batchHandlers.push(bound);
        }
      }
    }
    return sets;
  }
}

function setOf(sets: Map<string, HandlerSet>, definition: EventDefinition): HandlerSet {
  let set = sets.get(definition.type);
  if (!set) {
    set = { definition, handlers: [], batchHandlers: [] };
    sets.set(definition.type, set);
  }
  return set;
}

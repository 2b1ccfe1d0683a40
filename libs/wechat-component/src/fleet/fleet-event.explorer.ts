import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { discoverDecoratedMethods } from '../common/discover-decorated-methods.js';
import type { FleetEvent } from './fleet-event.types.js';
import { FleetEventDispatcher } from './fleet-event.dispatcher.js';
import { FleetEventHandler } from './on-fleet-event.decorator.js';

/** Finds `@OnFleetEvent` methods on every provider at start-up and registers them with the dispatcher. */
@Injectable()
export class FleetEventExplorer implements OnModuleInit {
  private readonly logger = new Logger('FleetEventExplorer');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly dispatcher: FleetEventDispatcher,
  ) {}

  onModuleInit(): void {
    const methods = discoverDecoratedMethods(this.discovery, this.scanner, FleetEventHandler, this.logger);
    for (const method of methods) {
      this.dispatcher.register(method.metadata, method.name, (event: FleetEvent) => method.invoke(event));
    }
    if (methods.length > 0) this.logger.log(`Fleet event handlers: ${methods.map((m) => m.name).join(', ')}`);
  }
}

import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { ComponentEvent } from './component-event.types.js';
import { ComponentEventDispatcher } from './component-event.dispatcher.js';
import { discoverDecoratedMethods } from '../common/discover-decorated-methods.js';
import { ComponentEventHandler } from './on-component-event.decorator.js';
import { isHandlerFor, PLATFORM_NAME } from '../options/named-platforms.js';

/** Finds `@OnComponentEvent` methods on every provider at start-up and registers them with the dispatcher. */
@Injectable()
export class ComponentEventExplorer implements OnModuleInit {
  private readonly logger = new Logger('ComponentEventExplorer');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly dispatcher: ComponentEventDispatcher,
    @Inject(PLATFORM_NAME) private readonly platform: string | null,
  ) {}

  onModuleInit(): void {
    const methods = discoverDecoratedMethods(this.discovery, this.scanner, ComponentEventHandler, this.logger).filter((method) =>
      isHandlerFor(method.metadata.platform, this.platform),
    );
    for (const method of methods) {
      this.dispatcher.register(method.metadata.selector, method.name, (event: ComponentEvent) => method.invoke(event));
    }
    if (methods.length > 0) this.logger.log(`Component event handlers: ${methods.map((m) => m.name).join(', ')}`);
  }
}

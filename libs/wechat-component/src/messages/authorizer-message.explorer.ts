import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { discoverDecoratedMethods } from '../common/discover-decorated-methods.js';
import type { AuthorizerMessage } from './authorizer-message.types.js';
import { AuthorizerMessageDispatcher } from './authorizer-message.dispatcher.js';
import { AuthorizerMessageHandler } from './on-authorizer-message.decorator.js';
import { isHandlerFor, PLATFORM_NAME } from '../options/named-platforms.js';

/** Finds `@OnAuthorizerMessage` methods on every provider at start-up and registers them with the dispatcher. */
@Injectable()
export class AuthorizerMessageExplorer implements OnModuleInit {
  private readonly logger = new Logger('AuthorizerMessageExplorer');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly dispatcher: AuthorizerMessageDispatcher,
    @Inject(PLATFORM_NAME) private readonly platform: string | null,
  ) {}

  onModuleInit(): void {
    const methods = discoverDecoratedMethods(this.discovery, this.scanner, AuthorizerMessageHandler, this.logger).filter((method) =>
      isHandlerFor(method.metadata.platform, this.platform),
    );
    for (const method of methods) {
      this.dispatcher.register(method.metadata, method.name, (message: AuthorizerMessage) => method.invoke(message));
    }
    if (methods.length > 0) this.logger.log(`Authorizer message handlers: ${methods.map((m) => m.name).join(', ')}`);
  }
}

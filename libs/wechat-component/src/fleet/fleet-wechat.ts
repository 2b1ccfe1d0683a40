import { Inject, Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AuthorizerClientFactory } from '../authorizer/authorizer-client.factory.js';
import { CodeTemplateLibrary } from '../component/code-template-library.js';
import { ComponentService } from '../component/component.service.js';
import { getPlatformToken } from '../options/named-platforms.js';
import type { ResolvedFleetOptions } from './fleet.options.js';
import { FLEET_OPTIONS } from './fleet.tokens.js';

interface FoundServices {
  readonly clients: AuthorizerClientFactory;
  readonly templates: CodeTemplateLibrary;
  readonly component: ComponentService;
}

/**
 * The WeChat side of the fleet: `AuthorizerClientFactory`, `CodeTemplateLibrary` and `ComponentService` of the
 * `WeChatComponentModule` registration named by the `platform` option, wherever the application imported it (so not
 * injected: the fleet's module does not import it). They are looked up once every module is built — earlier, the
 * lookup could find a provider not yet instantiated — and start-up fails with what to import when they are missing.
 */
@Injectable()
export class FleetWeChat implements OnModuleInit {
  private found?: FoundServices;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(FLEET_OPTIONS) private readonly options: ResolvedFleetOptions,
  ) {}

  onModuleInit(): void {
    this.found = {
      clients: this.find(AuthorizerClientFactory),
      templates: this.find(CodeTemplateLibrary),
      component: this.find(ComponentService),
    };
  }

  get clients(): AuthorizerClientFactory {
    return this.services().clients;
  }

  get templates(): CodeTemplateLibrary {
    return this.services().templates;
  }

  get component(): ComponentService {
    return this.services().component;
  }

  private services(): FoundServices {
    if (!this.found) throw new Error('WeChatFleetModule is used before the application has initialised its modules');
    return this.found;
  }

  private find<T>(token: Type<T>): T {
    const platform = this.options.platform;
    try {
      return this.moduleRef.get<T>(getPlatformToken(token, platform), { strict: false });
    } catch {
      const registration = platform === undefined ? 'WeChatComponentModule' : `WeChatComponentModule.forRoot({ name: '${platform}' })`;
      throw new Error(`WeChatFleetModule needs ${registration} in the application (${token.name} was not found)`);
    }
  }
}

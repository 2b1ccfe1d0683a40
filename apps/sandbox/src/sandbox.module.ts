import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthorizationPageController } from './authorization-page/authorization-page.controller.js';
import { AuthorizerTokenGuard } from './authorizer-api/authorizer-token.guard.js';
import { PLATFORM_API_GROUPS } from './authorizer-api/platform-registry.js';
import { AUTHORIZER_API_GROUPS } from './authorizer-api/registry.js';
import { AuthorizationController } from './component/authorization.controller.js';
import { AuthorizerInfoController } from './component/authorizer-info.controller.js';
import { AuthorizerOptionController } from './component/authorizer-option.controller.js';
import { ComponentTokenController } from './component/component-token.controller.js';
import { FastRegistrationController } from './component/fast-registration.controller.js';
import { PlatformDomainController } from './component/platform-domain.controller.js';
import { QuotaController } from './component/quota.controller.js';
import { RidController } from './component/rid.controller.js';
import { CdnController } from './cdn/cdn.controller.js';
import { CodeTemplateController } from './component/code-template.controller.js';
import { ConsoleController } from './console/console.controller.js';
import { AuthorizerApisControlController } from './control/authorizer-apis.controller.js';
import { AccountsControlController } from './control/accounts.controller.js';
import { CodeReleaseControlController } from './control/code-release.controller.js';
import { ActivityControlController } from './control/activity.controller.js';
import { FaultsControlController } from './control/faults.controller.js';
import { MessagesControlController } from './control/messages.controller.js';
import { PlatformApisControlController } from './control/platform-apis.controller.js';
import { PlatformControlController } from './control/platform.controller.js';
import { ReleaseTestControlController } from './control/release-test.controller.js';
import { WeChatErrorFilter } from './http/wechat-error.filter.js';
import { OAuthPageController } from './oauth/oauth-page.controller.js';
import { SnsController } from './oauth/sns.controller.js';
import { RegistrationPagesController } from './registration-pages/registration-pages.controller.js';
import { Sandbox } from './sandbox.js';

/** The HTTP face of one {@link Sandbox}: WeChat's endpoints and pages, the control API and the console. */
@Module({})
export class SandboxModule {
  /** The module serving `sandbox`; {@link startSandbox} creates the app from it. */
  static forSandbox(sandbox: Sandbox): DynamicModule {
    return {
      module: SandboxModule,
      controllers: [
        ComponentTokenController,
        AuthorizationController,
        AuthorizerInfoController,
        AuthorizerOptionController,
        QuotaController,
        CodeTemplateController,
        FastRegistrationController,
        PlatformDomainController,
        RidController,
        ...AUTHORIZER_API_GROUPS,
        ...PLATFORM_API_GROUPS,
        RegistrationPagesController,
        CdnController,
        OAuthPageController,
        SnsController,
        AuthorizationPageController,
        PlatformControlController,
        AccountsControlController,
        MessagesControlController,
        FaultsControlController,
        ActivityControlController,
        ReleaseTestControlController,
        AuthorizerApisControlController,
        PlatformApisControlController,
        CodeReleaseControlController,
        ConsoleController,
      ],
      providers: [{ provide: Sandbox, useValue: sandbox }, AuthorizerTokenGuard, { provide: APP_FILTER, useClass: WeChatErrorFilter }],
    };
  }
}

import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { WeChatComponentModuleExtras, WeChatComponentModuleOptions } from './options/wechat-component-options.js';

/**
 * `forRoot(options)` / `forRootAsync({ imports, inject, useFactory | useClass | useExisting })`, with `isGlobal` and
 * `webhook` as extras: routes must be known when the module is imported, so they are not part of async options.
 */
export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<WeChatComponentModuleOptions>({ moduleName: 'WeChatComponent' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createWeChatComponentOptions')
  .setExtras<WeChatComponentModuleExtras>({ isGlobal: false, webhook: undefined, name: undefined }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();

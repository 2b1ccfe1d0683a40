import { Inject, type Type } from '@nestjs/common';

/** Injection token of the registration's name (`forRoot({ name })`); null for the unnamed registration. */
export const PLATFORM_NAME = Symbol('WECHAT_COMPONENT_PLATFORM_NAME');

/**
 * The injection token under which a named registration (`WeChatComponentModule.forRoot({ name, … })`) exports one of
 * its providers — `ComponentService`, `AuthorizerClientFactory`, `AuthorizerMessageService`, `CodeTemplateLibrary`,
 * `TokenRefreshScheduler` or `ReconcileScheduler`. The unnamed registration exports them under their classes.
 *
 * @example
 * ```ts
 * constructor(@Inject(getPlatformToken(CodeTemplateLibrary, 'shop')) private readonly templates: CodeTemplateLibrary) {}
 * ```
 */
export function getPlatformToken<T>(type: Type<T>, name?: string): Type<T> | string {
  return name === undefined ? type : `WeChatComponent:${name}:${type.name}`;
}

/** Injects a provider of the registration named `name` (of the unnamed one without a name). */
export function InjectPlatform<T>(type: Type<T>, name?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getPlatformToken(type, name));
}

/** Whether a handler meant for `platform` (undefined: every platform) runs for the registration named `name`. */
export function isHandlerFor(platform: string | undefined, name: string | null): boolean {
  return platform === undefined || platform === name;
}

import type { Type } from '@nestjs/common';
import { CustomMessageController } from './custom-message.controller.js';
import { MenuController } from './menu.controller.js';

/**
 * The authorizer API groups the sandbox serves. To add a group: write one controller whose handlers (or class)
 * carry `@AuthorizerApi({ official_account: <func id>, mini_program: <func id> })`, take the account with
 * `@CurrentAuthorizer()`, keep any state on the account or in a small store on `Sandbox`, and list it here.
 */
export const AUTHORIZER_API_GROUPS: readonly Type<unknown>[] = [MenuController, CustomMessageController];

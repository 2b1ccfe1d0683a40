import type { Type } from '@nestjs/common';
import { CustomMessageController } from './custom-message.controller.js';
import { CustomServiceController } from './customservice.controller.js';
import { DataCubeController } from './datacube.controller.js';
import { DraftController } from './draft.controller.js';
import { FreePublishController } from './freepublish.controller.js';
import { JsApiController } from './jsapi.controller.js';
import { MassMessageController } from './mass-message.controller.js';
import { MaterialController } from './material.controller.js';
import { MediaController } from './media.controller.js';
import { MenuController } from './menu.controller.js';
import { MiscController } from './misc.controller.js';
import { QrCodeController } from './qrcode.controller.js';
import { SubscribeMessageController } from './subscribe-message.controller.js';
import { TagController } from './tag.controller.js';
import { TemplateMessageController } from './template-message.controller.js';
import { TemplateController } from './template.controller.js';
import { UserController } from './user.controller.js';
import { WxaAuditController } from './wxa-audit.controller.js';
import { WxaCodeController } from './wxa-code.controller.js';
import { WxaCodesController } from './wxa-codes.controller.js';
import { WxaPrivacyController } from './wxa-privacy.controller.js';
import { WxaReleaseController } from './wxa-release.controller.js';
import { WxaSettingsController } from './wxa-settings.controller.js';

/**
 * The authorizer API groups the sandbox serves. To add a group: write one controller whose handlers (or class)
 * carry `@AuthorizerApi({ official_account: <func id>, mini_program: <func id> })`, take the account with
 * `@CurrentAuthorizer()`, keep any state on the account or in a small store on `Sandbox`, and list it here.
 */
export const AUTHORIZER_API_GROUPS: readonly Type<unknown>[] = [
  MenuController,
  CustomMessageController,
  UserController,
  TagController,
  MassMessageController,
  TemplateController,
  TemplateMessageController,
  SubscribeMessageController,
  MediaController,
  MaterialController,
  DraftController,
  FreePublishController,
  QrCodeController,
  CustomServiceController,
  DataCubeController,
  JsApiController,
  MiscController,
  WxaCodeController,
  WxaAuditController,
  WxaReleaseController,
  WxaSettingsController,
  WxaPrivacyController,
  WxaCodesController,
];

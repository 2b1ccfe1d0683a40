import type { Type } from '@nestjs/common';
import { BasicInfoController } from './basic-info.controller.js';
import { CategoryController } from './category.controller.js';
import { DirectDomainController } from './direct-domain.controller.js';
import { IcpController } from './icp.controller.js';
import { LinkController } from './link.controller.js';
import { OpenAccountController } from './open-account.controller.js';
import { PhoneNumberController } from './phone-number.controller.js';
import { PrivacyInterfaceController } from './privacy-interface.controller.js';
import { RegistrationController } from './registration.controller.js';
import { SubscribeTemplateController } from './subscribe-template.controller.js';
import { VerificationController } from './verification.controller.js';

/**
 * The authorizer-token groups of the platform APIs (issue 14), added the way `AUTHORIZER_API_GROUPS` are: one
 * controller per group, `@AuthorizerApi` scopes, state in `sandbox.platform`.
 */
export const PLATFORM_API_GROUPS: readonly Type<unknown>[] = [
  OpenAccountController,
  BasicInfoController,
  CategoryController,
  PrivacyInterfaceController,
  DirectDomainController,
  LinkController,
  SubscribeTemplateController,
  PhoneNumberController,
  IcpController,
  VerificationController,
  RegistrationController,
];

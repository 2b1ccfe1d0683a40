import { Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { OK } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import { confirmFileOf, type ConfirmFile } from '../state/platform/platform-domains.js';

/** The confirm file of the platform's business domains. */
export function platformConfirmFile(sandbox: Sandbox): ConfirmFile {
  return confirmFileOf('component', sandbox.component.appId);
}

/**
 * The platform's mini-program domains (component token): server domains, business (jump) domains — each must serve
 * the platform's confirm file, or it is answered as invalid — and that file.
 */
@Controller('cgi-bin/component')
export class PlatformDomainController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('modify_wxa_server_domain')
  @HttpCode(200)
  server(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    this.sandbox.credentials.componentToken(query);
    return { ...OK, ...this.sandbox.platform.domains.modifyServer(body) };
  }

  @Post('modify_wxa_jump_domain')
  @HttpCode(200)
  jump(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    this.sandbox.credentials.componentToken(query);
    return { ...OK, ...this.sandbox.platform.domains.modifyJump(body, platformConfirmFile(this.sandbox)) };
  }

  @Post('get_domain_confirmfile')
  @HttpCode(200)
  confirmFile(@Query() query: Record<string, unknown>): Record<string, unknown> {
    this.sandbox.credentials.componentToken(query);
    return { ...OK, ...platformConfirmFile(this.sandbox) };
  }
}

import { BadRequestException, Controller, Get, Query, Redirect, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ComponentService } from 'nestjs-wechat-component';

/** The authorization flow: send an administrator to WeChat's page, then exchange the code WeChat sends back. */
@Controller('authorize')
export class AuthorizationController {
  constructor(private readonly component: ComponentService) {}

  /** 302 to the authorization page with a fresh pre-auth code; WeChat comes back to `/authorize/callback`. */
  @Get()
  @Redirect()
  async authorize(@Req() request: Request): Promise<{ url: string }> {
    const callback = `${request.protocol}://${request.get('host')}/authorize/callback`;
    return { url: await this.component.getAuthorizationUrl(callback) };
  }

  /** WeChat's redirect: `?auth_code=…&expires_in=600` → api_query_auth → the new authorizer's appid. */
  @Get('callback')
  async callback(@Query('auth_code') authCode?: string): Promise<{ appId: string }> {
    if (!authCode) throw new BadRequestException({ error: 'auth_code is missing from the query string' });
    const { authorizerAppId } = await this.component.queryAuth(authCode);
    return { appId: authorizerAppId };
  }
}

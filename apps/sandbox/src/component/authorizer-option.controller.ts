import { Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { OK } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account, OptionName } from '../state/accounts.js';
import { getOption, setOption } from '../state/authorizer-options.js';

/** Authorizer options, both generations (reference §1.10, §6.3). */
@Controller('cgi-bin/component')
export class AuthorizerOptionController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('api_get_authorizer_option')
  @HttpCode(200)
  legacyGet(
    @Query() query: Record<string, unknown>,
    @JsonBody() body: Record<string, unknown>,
  ): { authorizer_appid: string; option_name: OptionName; option_value: string } {
    const account = this.legacyAccount(query, body);
    return { authorizer_appid: account.appId, ...getOption(account, body['option_name']) };
  }

  @Post('api_set_authorizer_option')
  @HttpCode(200)
  legacySet(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): typeof OK {
    setOption(this.legacyAccount(query, body), body['option_name'], body['option_value']);
    return OK;
  }

  @Post('get_authorizer_option')
  @HttpCode(200)
  get(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): { option_name: OptionName; option_value: string } {
    return getOption(this.currentAccount(query, body), body['option_name']);
  }

  @Post('set_authorizer_option')
  @HttpCode(200)
  set(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): typeof OK {
    setOption(this.currentAccount(query, body), body['option_name'], body['option_value']);
    return OK;
  }

  /** Legacy calls: the component token and `component_appid` + `authorizer_appid` in the body. */
  private legacyAccount(query: Record<string, unknown>, body: Record<string, unknown>): Account {
    this.sandbox.credentials.componentToken(query);
    this.sandbox.credentials.componentAppId(body);
    return this.sandbox.authorizations.authorizedAccount(body['authorizer_appid']);
  }

  /**
   * New calls: the authorizer's own token (the account is its owner); leniently, a component token with
   * `authorizer_appid` in the body, since the docs disagree on which token these take.
   */
  private currentAccount(query: Record<string, unknown>, body: Record<string, unknown>): Account {
    const { credentials, authorizations } = this.sandbox;
    const record = credentials.anyToken(stringField(query, 'access_token') ?? stringField(query, 'component_access_token'));
    return authorizations.authorizedAccount(record.kind === 'authorizer' ? record.owner : body['authorizer_appid']);
  }
}

import { Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { OK } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';

/**
 * `openapi/rid/get` (any token): what WeChat recorded of a failed call, asked by the account that made it — the
 * component with its token, an authorizer with its own. 76002 malformed rid, 76001 unknown or older than 7 days,
 * 76003 another account's call.
 */
@Controller('cgi-bin/openapi')
export class RidController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('rid/get')
  @HttpCode(200)
  get(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const token = this.sandbox.credentials.anyToken(this.sandbox.credentials.presentedToken(query));
    const record = this.sandbox.platform.rids.lookup(body['rid'], token.owner);
    return {
      ...OK,
      request: {
        invoke_time: Math.floor(record.at / 1000),
        cost_in_ms: record.costMs,
        request_url: record.requestUrl,
        request_body: record.requestBody,
        response_body: record.responseBody,
        client_ip: record.clientIp,
      },
    };
  }
}

import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { OK } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { CATEGORY_TABLE } from '../state/platform/mini-program-account.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/**
 * A mini program's categories (permission set 30): WeChat's table, the set ones with their audits; a sensitive
 * category needs a qualification and is audited (the `wxa_category_audit` push comes when reviewers decide).
 */
@Controller('cgi-bin/wxopen')
@AuthorizerApi({ mini_program: 30 })
export class CategoryController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Get('getallcategories')
  all(): Record<string, unknown> {
    return {
      ...OK,
      categories_list: {
        categories: CATEGORY_TABLE.map((c) => ({
          id: c.id,
          name: c.name,
          level: c.level,
          father: c.father,
          children: [...c.children],
          sensitive_type: c.sensitive ? 1 : 0,
          qualify: { exter_list: c.sensitive && c.level === 2 ? [{ inner_list: [{ name: '《医疗机构执业许可证》', url: '' }] }] : [], remark: '' },
        })),
      },
    };
  }

  @Get('getcategory')
  get(@CurrentAuthorizer() account: Account): Record<string, unknown> {
    return { ...OK, ...this.sandbox.platform.accountSettings.of(account.appId).categoryView() };
  }

  @Post('addcategory')
  @HttpCode(200)
  add(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.sandbox.platform.accountSettings.of(account.appId).addCategories(body['categories']);
    return OK;
  }

  @Post('deletecategory')
  @HttpCode(200)
  delete(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.sandbox.platform.accountSettings.of(account.appId).deleteCategory(body['first'], body['second']);
    return OK;
  }

  @Post('modifycategory')
  @HttpCode(200)
  modify(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.sandbox.platform.accountSettings.of(account.appId).modifyCategory(body['first'], body['second'], body['certicates']);
    return OK;
  }
}

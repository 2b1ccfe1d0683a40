import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { menuView, validateMenu } from '../state/menu.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/** Custom menus of official accounts (自定义菜单权限, id 15). A created menu is what `menu/get` returns. */
@Controller('cgi-bin/menu')
@AuthorizerApi({ official_account: FUNC.MENU })
export class MenuController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('create')
  @HttpCode(200)
  create(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    account.menu = validateMenu(body);
    return OK;
  }

  /** 46003 `menu no exist` when the account has no menu. */
  @Get('get')
  get(@CurrentAuthorizer() account: Account): { menu: { button: unknown[] } } {
    if (!account.menu) throw new WeChatError(46003);
    return { menu: menuView(account.menu) };
  }

  @Get('delete')
  delete(@CurrentAuthorizer() account: Account): typeof OK {
    delete account.menu;
    return OK;
  }
}

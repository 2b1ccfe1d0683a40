import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { menuView, selfMenuView, validateMenu } from '../state/menu.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/**
 * Custom menus of official accounts (自定义菜单权限, id 15). A created menu is what `menu/get` returns; conditional
 * menus need a default menu and go with it on `menu/delete`.
 */
@Controller('cgi-bin')
@AuthorizerApi({ official_account: FUNC.MENU })
export class MenuController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('menu/create')
  @HttpCode(200)
  create(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    account.menu = validateMenu(body);
    return OK;
  }

  /** 46003 `menu no exist` when the account has no menu. */
  @Get('menu/get')
  get(@CurrentAuthorizer() account: Account): Record<string, unknown> {
    if (!account.menu) throw new WeChatError(46003);
    const conditional = this.sandbox.apis.menus.peek(account.appId)?.list() ?? [];
    if (conditional.length === 0) return { menu: menuView(account.menu) };
    return {
      menu: { ...menuView(account.menu), menuid: 208_379_532 },
      conditionalmenu: conditional.map((menu) => ({ ...menuView({ button: menu.button }), matchrule: menu.matchrule, menuid: Number(menu.menuid) })),
    };
  }

  @Get('menu/delete')
  delete(@CurrentAuthorizer() account: Account): typeof OK {
    delete account.menu;
    this.sandbox.apis.menus.peek(account.appId)?.clear();
    return OK;
  }

  /** Needs a default menu (65303) and a non-empty `matchrule` (65304). */
  @Post('menu/addconditional')
  @HttpCode(200)
  addConditional(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): { menuid: string } {
    if (!account.menu) throw new WeChatError(65303);
    const { button } = validateMenu(body);
    const rule = body['matchrule'];
    const tagId = (rule as Record<string, unknown> | null | undefined)?.['tag_id'];
    if (tagId !== undefined && tagId !== '') this.sandbox.apis.audiences.of(account.appId).tag(Number(tagId));
    return { menuid: this.sandbox.apis.menus.of(account.appId).add(button, rule).menuid };
  }

  @Post('menu/delconditional')
  @HttpCode(200)
  delConditional(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.sandbox.apis.menus.of(account.appId).delete(body['menuid']);
    return OK;
  }

  /** The menu a follower sees: the newest matching conditional menu, else the default one (65302 unknown user). */
  @Post('menu/trymatch')
  @HttpCode(200)
  tryMatch(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): { button: unknown[] } {
    let follower;
    try {
      follower = this.sandbox.apis.audiences.of(account.appId).follower(body['user_id']);
    } catch {
      throw new WeChatError(65302);
    }
    if (!account.menu) throw new WeChatError(46003);
    const matched = this.sandbox.apis.menus.peek(account.appId)?.match(follower);
    return menuView({ button: matched ? matched.button : account.menu.button });
  }

  /** The menu in effect, in the `selfmenu_info` shape (sub-buttons under `list`). */
  @Get('get_current_selfmenu_info')
  selfMenu(@CurrentAuthorizer() account: Account): Record<string, unknown> {
    if (!account.menu) return { is_menu_open: 0 };
    return { is_menu_open: 1, selfmenu_info: selfMenuView(account.menu) };
  }
}

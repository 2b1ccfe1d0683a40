import { getFor, postAction, postFor, postRead, type ApiRequester } from '../../apis/common.js';
import type { ConditionalMenuDefinition, MenuButton, MenuDefinition, MenuInfo, SelfMenuInfo } from './menu.types.js';

/**
 * The custom menu of an official account (自定义菜单, permission set 15): the default menu and conditional menus
 * (个性化菜单) shown to followers by tag, sex, region, client or language.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class MenuApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST cgi-bin/menu/create`: replaces the default menu (3 buttons, 5 sub-buttons each).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html
   */
  create(menu: MenuDefinition): Promise<void> {
    return postAction(this.requester, '/cgi-bin/menu/create', menu);
  }

  /**
   * Same as {@link MenuApi.create} (wechatpy's `update`): `POST cgi-bin/menu/create`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html
   */
  update(menu: MenuDefinition): Promise<void> {
    return this.create(menu);
  }

  /**
   * `GET cgi-bin/menu/get`: the default menu and the conditional menus; an account without a menu answers 46003.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Querying_Custom_Menus.html
   */
  get(): Promise<MenuInfo> {
    return getFor<MenuInfo>(this.requester, '/cgi-bin/menu/get');
  }

  /**
   * `GET cgi-bin/menu/delete`: removes the menu and every conditional menu (deleting twice does no harm, so it is
   * retried like a read).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Deleting_Custom-Defined_Menu.html
   */
  async delete(): Promise<void> {
    await getFor(this.requester, '/cgi-bin/menu/delete');
  }

  /**
   * `POST cgi-bin/menu/addconditional`: adds a conditional menu and returns its `menuid`; needs a default menu (65303
   * otherwise) and a non-empty match rule (65304).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Personalized_menu_interface.html
   */
  async addConditional(menu: ConditionalMenuDefinition): Promise<string> {
    return (await postFor<{ menuid: string }>(this.requester, '/cgi-bin/menu/addconditional', menu)).menuid;
  }

  /**
   * `POST cgi-bin/menu/delconditional`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Personalized_menu_interface.html
   */
  delConditional(menuId: string | number): Promise<void> {
    return postAction(this.requester, '/cgi-bin/menu/delconditional', { menuid: String(menuId) });
  }

  /**
   * `POST cgi-bin/menu/trymatch`: the buttons a follower (openid or WeChat ID) would see; 65302 for a user without
   * a menu.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Personalized_menu_interface.html
   */
  async tryMatch(userId: string): Promise<MenuButton[]> {
    return (await postRead<{ button: MenuButton[] }>(this.requester, '/cgi-bin/menu/trymatch', { user_id: userId })).button;
  }

  /**
   * `GET cgi-bin/get_current_selfmenu_info`: the menu in effect, whether set by API or on the web console.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Getting_Custom_Menu_Configurations.html
   */
  getMenuInfo(): Promise<SelfMenuInfo> {
    return getFor<SelfMenuInfo>(this.requester, '/cgi-bin/get_current_selfmenu_info');
  }
}

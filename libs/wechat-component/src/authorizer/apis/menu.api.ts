import type { WeChatAck } from '../../component/component-api.types.js';
import type { AuthorizerRequester } from '../authorizer-requester.js';

/** One menu button (`type` click, view, miniprogram, scancode_push … or a parent with `sub_button`). */
export interface MenuButton {
  type?: string;
  name: string;
  key?: string;
  url?: string;
  media_id?: string;
  appid?: string;
  pagepath?: string;
  article_id?: string;
  sub_button?: MenuButton[];
}

/** A custom menu. */
export interface MenuDefinition {
  button: MenuButton[];
}

/** Who sees a conditional menu (个性化菜单); at least one field. */
export interface MenuMatchRule {
  tag_id?: string;
  sex?: string;
  country?: string;
  province?: string;
  city?: string;
  /** 1 iOS, 2 Android, 3 others. */
  client_platform_type?: string;
  language?: string;
}

/** A conditional menu as `menu/addconditional` takes it. */
export interface ConditionalMenuDefinition extends MenuDefinition {
  matchrule: MenuMatchRule;
}

/** `menu/get`: the default menu and any conditional menus. */
export interface MenuInfo {
  menu: MenuDefinition & { menuid?: number };
  conditionalmenu?: Array<MenuDefinition & { menuid: number; matchrule: MenuMatchRule }>;
}

/** A button of `get_current_selfmenu_info` (`sub_button` wraps its list in `{ list }`). */
export interface SelfMenuButton {
  type?: string;
  name: string;
  key?: string;
  url?: string;
  value?: string;
  sub_button?: { list: SelfMenuButton[] };
  [field: string]: unknown;
}

/** `get_current_selfmenu_info`: the menu in effect, whether set by API or on the web console. */
export interface SelfMenuInfo {
  /** 0 no menu, 1 a menu is open. */
  is_menu_open: number;
  selfmenu_info?: { button: SelfMenuButton[] };
}

/** Custom menu of an official account (自定义菜单). */
export class MenuApi {
  constructor(private readonly requester: AuthorizerRequester) {}

  /** `POST cgi-bin/menu/create`: replaces the default menu. */
  create(menu: MenuDefinition): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/menu/create', menu);
  }

  /** Same as {@link MenuApi.create} (wechatpy's `update`). */
  update(menu: MenuDefinition): Promise<WeChatAck> {
    return this.create(menu);
  }

  /** `GET cgi-bin/menu/get`; an account without a menu answers errcode 46003. */
  get(): Promise<MenuInfo> {
    return this.requester.get('/cgi-bin/menu/get');
  }

  /** `GET cgi-bin/menu/delete`: removes the menu and every conditional menu. */
  delete(): Promise<WeChatAck> {
    return this.requester.get('/cgi-bin/menu/delete');
  }

  /** `POST cgi-bin/menu/addconditional`: adds a conditional menu; needs a default menu (65303 otherwise). */
  addConditional(menu: ConditionalMenuDefinition): Promise<{ menuid: string }> {
    return this.requester.post('/cgi-bin/menu/addconditional', menu);
  }

  /** `POST cgi-bin/menu/delconditional`. */
  delConditional(menuId: string | number): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/menu/delconditional', { menuid: String(menuId) });
  }

  /** `POST cgi-bin/menu/trymatch`: the menu a follower (openid or WeChat ID) would see. */
  tryMatch(userId: string): Promise<{ button: MenuButton[] }> {
    return this.requester.post('/cgi-bin/menu/trymatch', { user_id: userId });
  }

  /** `GET cgi-bin/get_current_selfmenu_info`: the menu currently in effect. */
  getMenuInfo(): Promise<SelfMenuInfo> {
    return this.requester.get('/cgi-bin/get_current_selfmenu_info');
  }
}

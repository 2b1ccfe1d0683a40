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

/** `menu/get`: the default menu and any conditional menus. */
export interface MenuInfo {
  menu: MenuDefinition & { menuid?: number };
  conditionalmenu?: Array<MenuDefinition & { menuid: number; matchrule: Record<string, string> }>;
}

/** Custom menu of an official account (自定义菜单). */
export class MenuApi {
  constructor(private readonly requester: AuthorizerRequester) {}

  /** `POST cgi-bin/menu/create`. */
  create(menu: MenuDefinition): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/menu/create', menu);
  }

  /** `GET cgi-bin/menu/get`; an account without a menu answers errcode 46003. */
  get(): Promise<MenuInfo> {
    return this.requester.get('/cgi-bin/menu/get');
  }

  /** `GET cgi-bin/menu/delete`: removes the menu and every conditional menu. */
  delete(): Promise<WeChatAck> {
    return this.requester.get('/cgi-bin/menu/delete');
  }
}

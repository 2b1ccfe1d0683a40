/** Requests and answers of {@link MenuApi} (自定义菜单), as WeChat names the fields. */

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

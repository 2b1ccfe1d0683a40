import { WeChatError } from '../common/errors.js';
import type { MenuDocument } from './accounts.js';

const KEYED_TYPES = new Set(['click', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select']);
const OTHER_TYPES = new Set(['view', 'miniprogram', 'media_id', 'view_limited', 'article_id', 'article_view_limited']);

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

function checkLeaf(button: Record<string, unknown>): void {
  const type = button['type'];
  if (typeof type !== 'string' || !(KEYED_TYPES.has(type) || OTHER_TYPES.has(type))) throw new WeChatError(40017);
  if (KEYED_TYPES.has(type)) {
    const key = button['key'];
    if (typeof key !== 'string' || key === '' || bytes(key) > 128) throw new WeChatError(40019);
  }
  if (type === 'view' || type === 'miniprogram') {
    const url = button['url'];
    if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url) || bytes(url) > 1024) throw new WeChatError(40055);
  }
  if (type === 'miniprogram' && (typeof button['appid'] !== 'string' || typeof button['pagepath'] !== 'string')) throw new WeChatError(47001);
  if (type === 'media_id' || type === 'view_limited') {
    if (typeof button['media_id'] !== 'string') throw new WeChatError(47001);
  }
  if (type === 'article_id' || type === 'article_view_limited') {
    if (typeof button['article_id'] !== 'string') throw new WeChatError(47001);
  }
}

function checkName(button: Record<string, unknown>, maxBytes: number): void {
  const name = button['name'];
  if (typeof name !== 'string' || name === '' || bytes(name) > maxBytes) throw new WeChatError(40018);
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WeChatError(47001);
  return value as Record<string, unknown>;
}

/**
 * Validates a `menu/create` body as WeChat does: 1–3 buttons (40016), names ≤ 16 bytes, sub-button names ≤ 60
 * (40018), 1–5 sub-buttons (40023), known types (40017), keys ≤ 128 bytes (40019), view URLs (40055).
 * @throws WeChatError with the first problem found.
 */
export function validateMenu(body: Record<string, unknown>): MenuDocument {
  if (Object.keys(body).length === 0) throw new WeChatError(44002);
  const buttons = body['button'];
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) throw new WeChatError(40016);
  for (const item of buttons) {
    const button = asObject(item);
    checkName(button, 16);
    const subs = button['sub_button'];
    if (subs === undefined || (Array.isArray(subs) && subs.length === 0 && button['type'] !== undefined)) {
      checkLeaf(button);
      continue;
    }
    if (!Array.isArray(subs) || subs.length < 1 || subs.length > 5) throw new WeChatError(40023);
    for (const sub of subs) {
      const subButton = asObject(sub);
      checkName(subButton, 60);
      checkLeaf(subButton);
    }
  }
  return { button: structuredClone(buttons) };
}

/** The menu as `menu/get` shows it: every button carries `sub_button` (empty for leaves), as WeChat's does. */
export function menuView(menu: MenuDocument): { button: unknown[] } {
  const withSubs = (button: unknown): unknown => {
    const copy = { ...(button as Record<string, unknown>) };
    copy['sub_button'] = Array.isArray(copy['sub_button']) ? copy['sub_button'].map(withSubs) : [];
    return copy;
  };
  return { button: menu.button.map(withSubs) };
}

/** The menu as `get_current_selfmenu_info` shows it: sub-buttons wrapped in `{ list }`. */
export function selfMenuView(menu: MenuDocument): { button: unknown[] } {
  const convert = (button: unknown): unknown => {
    const { sub_button: subs, ...rest } = button as Record<string, unknown>;
    return Array.isArray(subs) && subs.length > 0 ? { ...rest, sub_button: { list: subs.map(convert) } } : rest;
  };
  return { button: menu.button.map(convert) };
}

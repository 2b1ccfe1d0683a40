import { WeChatError } from '../common/errors.js';
import type { Follower } from './audience.js';
import { simulatedUser } from './users.js';

/** The match rule of a conditional menu (个性化菜单). */
export type MatchRule = Partial<Record<'tag_id' | 'sex' | 'country' | 'province' | 'city' | 'client_platform_type' | 'language', string>>;

/** A conditional menu as stored. */
export interface ConditionalMenu {
  readonly menuid: string;
  readonly button: unknown[];
  readonly matchrule: MatchRule;
}

const RULE_FIELDS = ['tag_id', 'sex', 'country', 'province', 'city', 'client_platform_type', 'language'] as const;
const MAX_CONDITIONAL = 20;

/** The conditional menus of one official account (the default menu lives on the account). */
export class ConditionalMenus {
  private readonly menus: ConditionalMenu[] = [];
  private nextId = 208_379_533;

  list(): readonly ConditionalMenu[] {
    return this.menus;
  }

  /** @throws WeChatError 65304 empty rule, 47001 too many menus. */
  add(button: unknown[], rule: unknown): ConditionalMenu {
    const matchrule = parseRule(rule);
    if (this.menus.length >= MAX_CONDITIONAL) throw new WeChatError(47001);
    const menu = { menuid: String(this.nextId++), button, matchrule };
    this.menus.push(menu);
    return menu;
  }

  /** @throws WeChatError 65301 no such menu. */
  delete(menuid: unknown): void {
    const index = this.menus.findIndex((menu) => menu.menuid === String(menuid));
    if (index === -1) throw new WeChatError(65301);
    this.menus.splice(index, 1);
  }

  clear(): void {
    this.menus.length = 0;
  }

  /** The newest conditional menu whose rule the follower matches (as WeChat picks the latest match). */
  match(follower: Follower): ConditionalMenu | undefined {
    const user = simulatedUser(follower.userKey);
    const facts: Record<string, string | undefined> = {
      tag_id: undefined,
      sex: user ? String(user.sex) : '0',
      country: user?.country,
      province: user?.province,
      city: user?.city,
      language: 'zh_CN',
    };
    return [...this.menus].reverse().find((menu) =>
      Object.entries(menu.matchrule).every(([field, value]) => {
        if (field === 'tag_id') return follower.tagIds.includes(Number(value));
        if (field === 'client_platform_type') return true;
        return facts[field] === value;
      }),
    );
  }
}

function parseRule(rule: unknown): MatchRule {
  if (typeof rule !== 'object' || rule === null) throw new WeChatError(65304);
  const out: MatchRule = {};
  for (const field of RULE_FIELDS) {
    const value = (rule as Record<string, unknown>)[field];
    if (value !== undefined && value !== '') out[field] = String(value);
  }
  if (Object.keys(out).length === 0) throw new WeChatError(65304);
  return out;
}

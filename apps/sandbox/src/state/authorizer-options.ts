import { WeChatError } from '../common/errors.js';
import type { Account, OptionName } from './accounts.js';

/** Allowed values per option (reference §6.3); the first is the default. */
export const OPTION_VALUES: Readonly<Record<OptionName, readonly string[]>> = {
  location_report: ['0', '1', '2'],
  voice_recognize: ['0', '1'],
  customer_service: ['0', '1'],
};

function optionName(name: unknown): OptionName {
  if (typeof name !== 'string' || !Object.hasOwn(OPTION_VALUES, name)) throw new WeChatError(61012);
  return name as OptionName;
}

/**
 * An option's current value.
 * @throws WeChatError 61012 for an unknown option name.
 */
export function getOption(account: Account, name: unknown): { option_name: OptionName; option_value: string } {
  const option = optionName(name);
  return { option_name: option, option_value: account.options?.[option] ?? OPTION_VALUES[option][0]! };
}

/**
 * Sets an option (values are strings; numbers are accepted and converted).
 * @throws WeChatError 61012 unknown name, 61013 value not allowed.
 */
export function setOption(account: Account, name: unknown, value: unknown): void {
  const option = optionName(name);
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !OPTION_VALUES[option].includes(text)) throw new WeChatError(61013);
  account.options = { ...account.options, [option]: text };
}

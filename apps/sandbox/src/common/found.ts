import { WeChatError } from './errors.js';

/** `value`, or WeChat's error `errcode` when there is none (an unknown id, a missing record). */
export function found<T>(value: T | undefined, errcode: number): T {
  if (value === undefined) throw new WeChatError(errcode);
  return value;
}

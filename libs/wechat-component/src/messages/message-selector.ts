import type { AuthorizerMessage } from './authorizer-message.types.js';

/** A selector after validation: lists instead of single values, a stateless RegExp. Internal. */
export interface NormalizedSelector {
  readonly types?: readonly string[];
  readonly events?: readonly string[];
  readonly appIds?: readonly string[];
  readonly content?: string | RegExp;
  /** The named registration whose messages it handles (decided at registration, not per message). */
  readonly platform?: string;
}

/** The selector as written in `@OnAuthorizerMessage(...)`, untyped. */
export interface SelectorInput {
  readonly type?: string | readonly string[];
  readonly event?: string | readonly string[];
  readonly appId?: string | readonly string[];
  readonly content?: string | RegExp;
  readonly platform?: string;
}

/**
 * Validates and normalizes a selector. Throws when it can never match (an `event` with a `type` other than `event`,
 * `content` with anything but `text`, or `content` together with `event`), so the mistake shows at start-up.
 */
export function normalizeSelector(input: SelectorInput = {}): NormalizedSelector {
  const types = list('type', input.type);
  const events = list('event', input.event);
  const appIds = list('appId', input.appId);
  const content = input.content;
  if (content !== undefined && typeof content !== 'string' && !(content instanceof RegExp)) {
    throw new TypeError('@OnAuthorizerMessage: content must be a string or a RegExp');
  }
  if (events && types && !types.includes('event')) {
    throw new TypeError('@OnAuthorizerMessage: a selector with `event` matches only type "event"');
  }
  if (content !== undefined && (events || (types && !types.includes('text')))) {
    throw new TypeError('@OnAuthorizerMessage: a selector with `content` matches only text messages');
  }
  if (input.platform !== undefined && typeof input.platform !== 'string') throw new TypeError('@OnAuthorizerMessage: platform must be a string');
  return {
    ...(input.platform !== undefined ? { platform: input.platform } : {}),
    ...(types ? { types } : {}),
    ...(events ? { events } : {}),
    ...(appIds ? { appIds } : {}),
    // g and y make RegExp.test stateful; a selector must answer the same for the same text.
    ...(content !== undefined ? { content: typeof content === 'string' ? content : new RegExp(content.source, content.flags.replace(/[gy]/g, '')) } : {}),
  };
}

/** Whether a handler with this selector runs for `message`. */
export function selectorMatches(selector: NormalizedSelector, message: AuthorizerMessage): boolean {
  if (selector.types && !selector.types.includes(message.msgType)) return false;
  if (selector.events && (message.msgType !== 'event' || !selector.events.includes(message.event ?? ''))) return false;
  if (selector.appIds && !selector.appIds.includes(message.appId)) return false;
  if (selector.content !== undefined) {
    if (message.msgType !== 'text' || !('content' in message) || typeof message.content !== 'string') return false;
    return typeof selector.content === 'string' ? message.content === selector.content : selector.content.test(message.content);
  }
  return true;
}

/**
 * How specific a selector is; a higher number wins when several handlers reply. `content` outranks `event`, which
 * outranks `type`, which outranks `appId`; each is worth more than all the lower ones together.
 */
export function selectorSpecificity(selector: NormalizedSelector): number {
  return (
    (selector.content !== undefined ? 8 : 0) +
    (selector.events ? 4 : 0) +
    (selector.types ? 2 : 0) +
    (selector.appIds ? 1 : 0)
  );
}

function list(name: string, value: string | readonly string[] | undefined): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const values = typeof value === 'string' ? [value] : [...value];
  if (values.length === 0 || values.some((v) => typeof v !== 'string' || v === '')) {
    throw new TypeError(`@OnAuthorizerMessage: ${name} must be a non-empty string or a non-empty list of them`);
  }
  return values;
}

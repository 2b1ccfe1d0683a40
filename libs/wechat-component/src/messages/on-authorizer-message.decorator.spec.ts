import { describe, expect, it } from 'vitest';
import type {
  AuthorizerMessage,
  ClickEvent,
  ImageMessage,
  OtherAuthorizerMessage,
  SubscribeEvent,
  TextMessage,
  WeappAuditFailEvent,
} from './authorizer-message.types.js';
import type { NewsReply } from './authorizer-reply.types.js';
import { OnAuthorizerMessage } from './on-authorizer-message.decorator.js';

// The parameter types below are checked by `tsc`: each @ts-expect-error marks a handler the selector must refuse.
class Handlers {
  @OnAuthorizerMessage()
  any(message: AuthorizerMessage): void {
    void message;
  }

  @OnAuthorizerMessage({ type: 'text' })
  text(message: TextMessage): string {
    return message.content;
  }

  @OnAuthorizerMessage({ content: /^hi/i, appId: 'wx0000000000000001' })
  async greeting(message: TextMessage): Promise<string> {
    return `${message.content}!`;
  }

  @OnAuthorizerMessage({ event: ['subscribe'] })
  welcome(event: SubscribeEvent): NewsReply {
    return { type: 'news', articles: [{ title: event.eventKey ?? 'welcome' }] };
  }

  @OnAuthorizerMessage({ event: 'weapp_audit_fail' })
  audit(event: WeappAuditFailEvent): undefined {
    void event.reason;
    return undefined;
  }

  @OnAuthorizerMessage({ event: 'some_future_event' })
  future(event: OtherAuthorizerMessage): void {
    void event.raw;
  }

  @OnAuthorizerMessage({ type: ['image', 'text'] })
  wide(message: ImageMessage | TextMessage): void {
    void message;
  }

  // @ts-expect-error an image selector does not deliver text messages
  @OnAuthorizerMessage({ type: 'image' })
  wrongType(message: TextMessage): void {
    void message;
  }

  // @ts-expect-error a CLICK handler cannot take subscribe events
  @OnAuthorizerMessage({ event: 'CLICK' })
  wrongEvent(event: SubscribeEvent): void {
    void event;
  }

  // @ts-expect-error a handler returns a reply, not a number
  @OnAuthorizerMessage({ event: 'CLICK' })
  wrongReply(event: ClickEvent): number {
    return event.createTime;
  }
}

describe('@OnAuthorizerMessage', () => {
  it('stores the normalized selector on the method', () => {
    const keys = Reflect.getMetadataKeys(Handlers.prototype.greeting);
    expect(keys).toHaveLength(1);
    expect(Reflect.getMetadata(keys[0], Handlers.prototype.greeting)).toEqual({ appIds: ['wx0000000000000001'], content: /^hi/i });
    expect(Reflect.getMetadata(keys[0], Handlers.prototype.any)).toEqual({});
    expect(Reflect.getMetadata(keys[0], Handlers.prototype.welcome)).toEqual({ events: ['subscribe'] });
  });

  it('throws at class definition for a selector that can never match', () => {
    expect(() => OnAuthorizerMessage({ type: 'voice', content: 'x' })).toThrow(TypeError);
  });
});

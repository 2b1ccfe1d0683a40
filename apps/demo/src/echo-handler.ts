import { Injectable } from '@nestjs/common';
import { OnAuthorizerMessage, type TextMessage } from 'nestjs-wechat-component';

/**
 * The example of `@OnAuthorizerMessage`: answers every text message sent to an authorized account with the same
 * text, as an encrypted passive reply. (WeChat's release-test accounts are answered by the module's responder.)
 */
@Injectable()
export class EchoHandler {
  @OnAuthorizerMessage({ type: 'text' })
  echo(message: TextMessage): string {
    return message.content;
  }
}

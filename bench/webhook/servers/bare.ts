import type { IncomingMessage, ServerResponse } from 'node:http';
import { MessageCrypto } from '../../../libs/wechat-component/src/crypto/message-crypto.js';
import { parseComponentEvent } from '../../../libs/wechat-component/src/events/parse-component-event.js';
import { parseAuthorizerMessage } from '../../../libs/wechat-component/src/messages/parse-authorizer-message.js';
import { PassiveReplyEncryptor } from '../../../libs/wechat-component/src/messages/passive-reply.encryptor.js';
import { renderReplyXml } from '../../../libs/wechat-component/src/messages/render-reply.js';
import { PushDecoder } from '../../../libs/wechat-component/src/push/push-decoder.js';
import { BENCH_COMPONENT, EVENTS_PATH, MESSAGES_PATH } from '../credentials.js';
import { type BenchServer, queryOf, readBody, startHttpServer } from './http-server.js';

/**
 * The module's own floor: a bare `node:http` server running exactly the module's verify + decrypt + parse
 * (`PushDecoder`) and typed event or message, and on the message URL its reply rendering and encryption — nothing
 * else: no framework, no store (so no markers), no handlers. What the module costs beyond this is routing,
 * acting once (markers) and storing the ticket.
 */
export function startBareServer(): Promise<BenchServer> {
  const crypto = new MessageCrypto(BENCH_COMPONENT.token, BENCH_COMPONENT.encodingAESKey);
  const decoder = new PushDecoder(crypto, BENCH_COMPONENT.componentAppId, 300_000); // the module's default freshness window
  const encryptor = new PassiveReplyEncryptor(crypto, BENCH_COMPONENT.componentAppId);
  return startHttpServer(async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '').split('?', 1)[0]!;
    if (path === EVENTS_PATH) {
      const push = decoder.decode(await readBody(request), queryOf(request));
      parseComponentEvent(push.fields, BENCH_COMPONENT.componentAppId);
      answer(response, 'text/plain; charset=utf-8', 'success');
      return;
    }
    if (path.startsWith(`${MESSAGES_PATH}/`)) {
      const push = decoder.decode(await readBody(request), queryOf(request));
      const message = parseAuthorizerMessage(push.fields, path.slice(MESSAGES_PATH.length + 1));
      const content = message.msgType === 'text' && 'content' in message ? String(message.content) : '';
      const xml = renderReplyXml({ type: 'text', content }, message, Math.floor(Date.now() / 1000));
      answer(response, 'text/xml; charset=utf-8', encryptor.encrypt(xml, push.timestamp, push.nonce));
      return;
    }
    response.writeHead(404).end();
  });
}

function answer(response: ServerResponse, contentType: string, body: string): void {
  response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

import { MessageCrypto } from '../../../libs/wechat-component/src/crypto/message-crypto.js';
import { parseComponentEvent } from '../../../libs/wechat-component/src/events/parse-component-event.js';
import { PushDecoder } from '../../../libs/wechat-component/src/push/push-decoder.js';
import { BENCH_COMPONENT } from '../credentials.js';
import { answerSuccess, type BenchServer, queryOf, readBody, startHttpServer } from './http-server.js';

/**
 * The baseline: a bare `node:http` server doing exactly the module's verify + decrypt + parse, with the module's own
 * code for it (`PushDecoder`: constant-time signature check, timestamp window, AES, receive-id check, one xml2js parse; then the typed
 * event) — and nothing else: no framework, no store, no handlers.
 */
export function startBareServer(): Promise<BenchServer> {
  const crypto = new MessageCrypto(BENCH_COMPONENT.token, BENCH_COMPONENT.encodingAESKey);
  const decoder = new PushDecoder(crypto, BENCH_COMPONENT.componentAppId, 300_000); // the module's default freshness window
  return startHttpServer(async (request, response) => {
    const push = decoder.decode(await readBody(request), queryOf(request));
    parseComponentEvent(push.fields, BENCH_COMPONENT.componentAppId);
    answerSuccess(response);
  });
}

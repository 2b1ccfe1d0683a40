import WXBizMsgCrypt from 'wechat-crypto';
import xml2js from 'xml2js';
import { BENCH_COMPONENT } from '../credentials.js';
import { answerSuccess, type BenchServer, queryOf, readBody, startHttpServer } from './http-server.js';

/**
 * The usual Node recipe (node-webot's `wechat-crypto` with `xml2js`): parse the envelope, check
 * the signature (compared with `===`), decrypt, parse the message. On a bare `node:http` server, like the baseline.
 */
export function startWeChatCryptoServer(): Promise<BenchServer> {
  const crypto = new WXBizMsgCrypt(BENCH_COMPONENT.token, BENCH_COMPONENT.encodingAESKey, BENCH_COMPONENT.componentAppId);
  const parse = (xml: string) => xml2js.parseStringPromise(xml, { explicitArray: false, explicitRoot: false });
  return startHttpServer(async (request, response) => {
    const query = queryOf(request);
    const envelope = (await parse(await readBody(request))) as { Encrypt: string };
    if (crypto.getSignature(query.timestamp!, query.nonce!, envelope.Encrypt) !== query.msg_signature) {
      response.writeHead(401).end();
      return;
    }
    const { message } = crypto.decrypt(envelope.Encrypt);
    const fields = (await parse(message)) as { InfoType?: string };
    if (!fields.InfoType) throw new Error('not a component event');
    answerSuccess(response);
  });
}

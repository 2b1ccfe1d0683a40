import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import xml2js from 'xml2js';
import { extractEncrypt } from '../../../libs/wechat-component/src/xml/wechat-xml.js';
import { BENCH_COMPONENT, EVENTS_PATH, MESSAGES_PATH } from '../credentials.js';
import { type BenchServer, queryOf, readBody, startHttpServer } from './http-server.js';

/**
 * The xml2js floor: a bare `node:http` server doing what the module's own decoding did before 0.2, written out here
 * with `node:crypto` so it stays fixed while the module changes — the linear `Encrypt` scan, the SHA-1 signature
 * compared in constant time, the freshness window, a base64 check, AES-256-CBC, the receive-id check, one xml2js
 * parse of the message (the options the module used) — and nothing else: no framework, no store, no handlers. On
 * the message URL it also renders the echo reply and encrypts and signs it (16 fresh random bytes each). The
 * targets of issue 12 are ratios against this server.
 */
export function startXml2jsFloorServer(): Promise<BenchServer> {
  const crypto = new FloorCrypto(BENCH_COMPONENT.token, BENCH_COMPONENT.encodingAESKey);
  const parser = new xml2js.Parser({ explicitArray: false, explicitRoot: false, ignoreAttrs: true, async: false });
  const parse = (xml: string): Record<string, string> => {
    let result: unknown;
    let failure: unknown;
    parser.parseString(xml, (error: unknown, parsed: unknown) => {
      failure = error;
      result = parsed;
    });
    if (failure || result === null || typeof result !== 'object') throw new Error('not XML');
    return result as Record<string, string>;
  };
  const open = async (request: IncomingMessage) => {
    const query = queryOf(request);
    const { msg_signature: signature, timestamp, nonce } = query;
    if (!signature || !timestamp || !nonce) throw new Error('query');
    const encrypt = extractEncrypt(await readBody(request));
    if (!encrypt || !crypto.verify(signature, timestamp, nonce, encrypt)) throw new Error('signature');
    if (Math.abs(Date.now() - Number(timestamp) * 1000) > 300_000) throw new Error('stale');
    const { message, receiveId } = crypto.decrypt(encrypt);
    if (receiveId !== BENCH_COMPONENT.componentAppId) throw new Error('receive id');
    return { fields: parse(message), timestamp, nonce };
  };
  return startHttpServer(async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '').split('?', 1)[0]!;
    if (path === EVENTS_PATH) {
      const { fields } = await open(request);
      if (!fields.InfoType || fields.AppId !== BENCH_COMPONENT.componentAppId) throw new Error('not a component event');
      answer(response, 'text/plain', 'success');
      return;
    }
    if (path.startsWith(`${MESSAGES_PATH}/`)) {
      const { fields, timestamp, nonce } = await open(request);
      if (!fields.MsgType || !fields.ToUserName || !fields.FromUserName) throw new Error('not a message');
      const reply =
        `<xml><ToUserName><![CDATA[${fields.FromUserName}]]></ToUserName><FromUserName><![CDATA[${fields.ToUserName}]]></FromUserName>` +
        `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
        `<Content><![CDATA[${fields.Content ?? ''}]]></Content></xml>`;
      answer(response, 'text/xml', crypto.encryptReply(reply, timestamp, nonce));
      return;
    }
    response.writeHead(404).end();
  });
}

function answer(response: ServerResponse, contentType: string, body: string): void {
  response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** WXBizMsgCrypt as the module wrote it before 0.2, frozen here. */
class FloorCrypto {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  constructor(
    private readonly token: string,
    encodingAESKey: string,
  ) {
    this.key = Buffer.from(`${encodingAESKey}=`, 'base64');
    this.iv = this.key.subarray(0, 16);
  }

  sign(timestamp: string, nonce: string, encrypt: string): string {
    return createHash('sha1').update([this.token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
  }

  verify(signature: string, timestamp: string, nonce: string, encrypt: string): boolean {
    const left = Buffer.from(signature, 'utf8');
    const right = Buffer.from(this.sign(timestamp, nonce, encrypt), 'utf8');
    return left.length === right.length && timingSafeEqual(left, right);
  }

  decrypt(encrypt: string): { message: string; receiveId: string } {
    if (!BASE64.test(encrypt)) throw new Error('base64');
    const data = Buffer.from(encrypt, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) throw new Error('length');
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(data), decipher.final()]);
    const amount = padded[padded.length - 1] ?? 0;
    if (amount < 1 || amount > 32) throw new Error('padding');
    const plain = padded.subarray(0, padded.length - amount);
    const length = plain.readUInt32BE(16);
    return { message: plain.toString('utf8', 20, 20 + length), receiveId: plain.toString('utf8', 20 + length) };
  }

  encryptReply(message: string, timestamp: string, nonce: string): string {
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length, 0);
    const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(BENCH_COMPONENT.componentAppId, 'utf8')]);
    const amount = 32 - (plain.length % 32);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    const encrypt = Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(amount, amount)])), cipher.final()]).toString('base64');
    return (
      `<xml>\n<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n<MsgSignature><![CDATA[${this.sign(timestamp, nonce, encrypt)}]]></MsgSignature>\n` +
      `<TimeStamp>${timestamp}</TimeStamp>\n<Nonce><![CDATA[${nonce}]]></Nonce>\n</xml>`
    );
  }
}

import { describe, expect, it } from 'vitest';
import { MessageCrypto } from '../crypto/message-crypto.js';
import { parseXml } from '../xml/wechat-xml.js';
import type { AuthorizerMessageBase } from './authorizer-message.types.js';
import { PassiveReplyEncryptor } from './passive-reply.encryptor.js';
import { InvalidReplyError, renderReplyXml, toReplyObject } from './render-reply.js';

const message: AuthorizerMessageBase = {
  appId: 'wxba5fad812f8e6fb9',
  msgType: 'text',
  toUserName: 'gh_account',
  fromUserName: 'o_user',
  createTime: 1,
  raw: {},
};
const head = '<xml><ToUserName><![CDATA[o_user]]></ToUserName><FromUserName><![CDATA[gh_account]]></FromUserName><CreateTime>1700000000</CreateTime>';

describe('renderReplyXml', () => {
  it('renders a text reply with To/From swapped, CDATA strings and a bare CreateTime', () => {
    expect(renderReplyXml({ type: 'text', content: '你好' }, message, 1700000000)).toBe(
      `${head}<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>`,
    );
  });

  it('keeps "]]>" inside text intact', () => {
    const xml = renderReplyXml({ type: 'text', content: 'a]]>b' }, message, 1700000000);
    expect(parseXml(xml).Content).toBe('a]]>b');
  });

  it('renders media, music, news and transfer replies as WeChat defines them', () => {
    expect(renderReplyXml({ type: 'image', mediaId: 'm' }, message, 1700000000)).toBe(
      `${head}<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[m]]></MediaId></Image></xml>`,
    );
    expect(renderReplyXml({ type: 'voice', mediaId: 'v' }, message, 1700000000)).toContain('<Voice><MediaId><![CDATA[v]]></MediaId></Voice>');
    expect(renderReplyXml({ type: 'video', mediaId: 'v', title: 't' }, message, 1700000000)).toContain(
      '<Video><MediaId><![CDATA[v]]></MediaId><Title><![CDATA[t]]></Title></Video>',
    );
    expect(
      renderReplyXml({ type: 'music', title: 't', musicUrl: 'u', hqMusicUrl: 'h', thumbMediaId: 'th' }, message, 1700000000),
    ).toContain(
      '<Music><Title><![CDATA[t]]></Title><MusicUrl><![CDATA[u]]></MusicUrl><HQMusicUrl><![CDATA[h]]></HQMusicUrl><ThumbMediaId><![CDATA[th]]></ThumbMediaId></Music>',
    );
    expect(
      renderReplyXml(
        { type: 'news', articles: [{ title: 'a', description: 'd', picUrl: 'p', url: 'u' }, { title: 'b' }] },
        message,
        1700000000,
      ),
    ).toBe(
      `${head}<MsgType><![CDATA[news]]></MsgType><ArticleCount>2</ArticleCount><Articles>` +
        '<item><Title><![CDATA[a]]></Title><Description><![CDATA[d]]></Description><PicUrl><![CDATA[p]]></PicUrl><Url><![CDATA[u]]></Url></item>' +
        '<item><Title><![CDATA[b]]></Title></item></Articles></xml>',
    );
    expect(renderReplyXml({ type: 'transfer_customer_service' }, message, 1700000000)).toBe(
      `${head}<MsgType><![CDATA[transfer_customer_service]]></MsgType></xml>`,
    );
    expect(renderReplyXml({ type: 'transfer_customer_service', kfAccount: 'kf@test' }, message, 1700000000)).toContain(
      '<TransInfo><KfAccount><![CDATA[kf@test]]></KfAccount></TransInfo>',
    );
  });
});

describe('toReplyObject', () => {
  it('reads strings as text and nothing as no reply', () => {
    expect(toReplyObject('hi')).toEqual({ type: 'text', content: 'hi' });
    for (const none of [undefined, null, '']) expect(toReplyObject(none)).toBeUndefined();
  });

  it('refuses malformed replies with a reason', () => {
    const bad: unknown[] = [
      42,
      { type: 'gif' },
      { type: 'text' },
      { type: 'image', mediaId: '' },
      { type: 'music' },
      { type: 'news', articles: [] },
      { type: 'news', articles: Array.from({ length: 9 }, () => ({ title: 't' })) },
      { type: 'news', articles: [{ url: 'u' }] },
    ];
    for (const value of bad) expect(() => toReplyObject(value), JSON.stringify(value)).toThrow(InvalidReplyError);
  });
});

describe('PassiveReplyEncryptor', () => {
  it('encrypts for the component AppID and signs with the given timestamp and nonce', () => {
    const crypto = new MessageCrypto('token123', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
    const envelope = parseXml(new PassiveReplyEncryptor(crypto, 'wx0123456789abcdef').encrypt('<xml>r</xml>', '1409304348', 'xyz'));
    expect(envelope).toMatchObject({ TimeStamp: '1409304348', Nonce: 'xyz' });
    const encrypt = envelope.Encrypt as string;
    expect(envelope.MsgSignature).toBe(crypto.sign('1409304348', 'xyz', encrypt));
    expect(crypto.decrypt(encrypt)).toEqual({ message: '<xml>r</xml>', receiveId: 'wx0123456789abcdef' });
  });
});

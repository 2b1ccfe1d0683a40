import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signaturesEqual } from '../crypto/signature.js';
import { MessageCrypto } from '../crypto/message-crypto.js';
import { parseXml, textOf, type XmlObject } from '../xml/parse.js';

/** One push as a platform receives it, verified and decrypted. */
export interface ReceivedPush {
  path: string;
  query: URLSearchParams;
  /** The envelope's fields (`AppId` or `ToUserName`, and `Encrypt`). */
  envelope: XmlObject;
  /** Whether `signature` and `msg_signature` both verified. */
  verified: boolean;
  /** The decrypted plaintext XML. */
  plaintext: string;
  /** The plaintext's fields. */
  message: XmlObject;
  contentType: string | undefined;
}

/** Decides the HTTP answer to a push; default `success`. */
export type PushResponder = (push: ReceivedPush) => { status?: number; body?: string; delayMs?: number } | Promise<{ status?: number; body?: string; delayMs?: number }>;

/** What the receiver needs to verify and decrypt: the platform's side of the component's credentials. */
export interface ReceiverCredentials {
  token: string;
  encodingAESKey: string;
  componentAppId: string;
}

/**
 * A tiny platform stand-in for tests: a node:http server that verifies both signatures, decrypts every push with
 * the component's key (receive id = component appid) and answers through a responder.
 */
export class PushReceiver {
  readonly received: ReceivedPush[] = [];
  readonly crypto: MessageCrypto;
  responder: PushResponder = () => ({ body: 'success' });
  private readonly server: Server;
  private readonly waiters = new Set<() => void>();
  url = '';

  constructor(readonly credentials: ReceiverCredentials) {
    this.crypto = new MessageCrypto({ token: credentials.token, encodingAESKey: credentials.encodingAESKey, receiveId: credentials.componentAppId });
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with the first received push (already received or future) that matches. */
  waitFor(matches: (push: ReceivedPush) => boolean, timeoutMs = 5000): Promise<ReceivedPush> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.received.find(matches);
        if (found) {
          clearTimeout(timer);
          this.waiters.delete(listener);
          resolve(found);
        }
        return found !== undefined;
      };
      const listener = (): void => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(listener);
        reject(new Error(`no matching push within ${timeoutMs} ms (received ${this.received.length})`));
      }, timeoutMs);
      if (!check()) this.waiters.add(listener);
    });
  }

  /** Resolves with the next push whose plaintext has `InfoType` (or `MsgType`) equal to `type`. */
  waitForType(type: string, timeoutMs?: number): Promise<ReceivedPush> {
    return this.waitFor((push) => textOf(push.message, 'InfoType') === type || textOf(push.message, 'MsgType') === type, timeoutMs);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://receiver');
    const query = url.searchParams;
    const envelope = parseXml(Buffer.concat(chunks).toString('utf8'));
    const encrypt = textOf(envelope, 'Encrypt') ?? '';
    const timestamp = query.get('timestamp') ?? '';
    const nonce = query.get('nonce') ?? '';
    let plaintext = '';
    let verified = signaturesEqual(this.crypto.signature(timestamp, nonce), query.get('signature') ?? '');
    try {
      plaintext = this.crypto.open({ encrypt, timestamp, nonce, msgSignature: query.get('msg_signature') ?? '' });
    } catch {
      verified = false;
    }
    const push: ReceivedPush = {
      path: url.pathname,
      query,
      envelope,
      verified,
      plaintext,
      message: plaintext === '' ? {} : parseXml(plaintext),
      contentType: req.headers['content-type'],
    };
    this.received.push(push);
    for (const waiter of [...this.waiters]) waiter();
    const answer = await this.responder(push);
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (res.destroyed) return;
    res.statusCode = answer.status ?? 200;
    res.end(answer.body ?? '');
  }
}

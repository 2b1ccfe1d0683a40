import { eventEnvelope } from '../crypto/envelopes.js';
import type { MessageCrypto } from '../crypto/message-crypto.js';
import { redact } from '../recording/redact.js';
import type { SandboxSettings } from '../state/settings.js';
import { buildWeChatXml, type XmlFields } from '../xml/build.js';
import type { PushDelivery } from './push-delivery.js';
import type { PushRecord } from './push-log.js';
import { buildWeChatJson, jsonEnvelope } from './json-format.js';
import { sealPush } from './sealed-push.js';

/**
 * Pushes component events to the authorization event URL: encrypted with the component's key (receive id = the
 * component appid), `<AppId>` envelope, signed query; the platform must answer exactly `success`.
 */
export class EventPusher {
  constructor(
    private readonly componentAppId: string,
    private readonly crypto: MessageCrypto,
    private readonly settings: SandboxSettings,
    private readonly clock: () => number,
    private readonly delivery: PushDelivery,
  ) {}

  /** Whether there is an event URL to push to. */
  get hasTarget(): boolean {
    return this.settings.eventUrl !== undefined;
  }

  /** Pushes one event; undefined when no event URL is configured. */
  async push(fields: XmlFields, appId?: string): Promise<PushRecord | undefined> {
    const target = this.settings.eventUrl;
    if (target === undefined) return undefined;
    // The platform's 数据格式: XML (default) or JSON, envelope and message alike.
    const json = this.settings.pushFormat === 'json';
    const sealed = sealPush(this.crypto, this.clock, target, json ? buildWeChatJson(fields) : buildWeChatXml(fields), (encrypt) =>
      json ? jsonEnvelope('AppId', this.componentAppId, encrypt) : eventEnvelope(this.componentAppId, encrypt),
    );
    const { record } = await this.delivery.deliver(
      {
        kind: 'event',
        type: String(fields['InfoType']),
        ...(appId === undefined ? {} : { appId }),
        url: sealed.url,
        body: sealed.body,
        fields: redact(fields) as Record<string, unknown>,
      },
      (_status, body) => (body === 'success' ? { ok: true } : { ok: false, error: `expected "success", got ${JSON.stringify(body.slice(0, 80))}` }),
    );
    return record;
  }
}

import { BadRequestException, ConflictException, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { epochSeconds } from '../common/clock.js';
import { MessageTargetError, type UserMessage } from '../push/message-pusher.js';
import { fastRegisterEvent } from '../push/component-events.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { SentMessage } from '../state/sent-messages.js';
import { identityOf, SIMULATED_USERS, simulatedUser } from '../state/users.js';
import { ControlBody } from './control-body.decorator.js';
import { findAccount, findAuthorized } from './lookup.js';
import type { FastRegisterResult, JsCodeResult, MessageDeliveryResult } from './types.js';
import { objectBody, optionalInteger, optionalString, requireThat } from './validation.js';

function scalarFields(value: unknown, name: string): Record<string, string | number> {
  requireThat(typeof value === 'object' && value !== null && !Array.isArray(value), `${name} must be an object`);
  for (const [key, item] of Object.entries(value)) {
    requireThat(/^[A-Za-z_][\w.-]*$/.test(key), `${name}.${key} is not a valid XML element name`);
    requireThat(typeof item === 'string' || typeof item === 'number', `${name}.${key} must be a string or a number`);
  }
  return value as Record<string, string | number>;
}

/** Messages from simulated users, what accounts sent back, mini-program logins and fast registration. */
@Controller('sandbox')
export class MessagesControlController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** Pushes a user message or event to the account's message URL; answers with the verified passive reply. */
  @Post('accounts/:appId/messages')
  @HttpCode(200)
  async send(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): Promise<MessageDeliveryResult> {
    const account = findAuthorized(this.sandbox, appId);
    const body = objectBody(raw);
    const openid = optionalString(body, 'openid') ?? this.openidOf(account, optionalString(body, 'user'));
    let message: UserMessage;
    switch (body['type']) {
      case 'text': {
        const content = optionalString(body, 'content');
        requireThat(content, 'content must be a non-empty string');
        message = { MsgType: 'text', Content: content };
        break;
      }
      case 'event': {
        const event = optionalString(body, 'event');
        requireThat(event, 'event must be a non-empty string');
        const eventKey = optionalString(body, 'eventKey');
        message = { MsgType: 'event', Event: event, ...(eventKey === undefined ? {} : { EventKey: eventKey }) };
        if (body['fields'] !== undefined) Object.assign(message, scalarFields(body['fields'], 'fields'));
        break;
      }
      case 'raw': {
        const fields = scalarFields(body['fields'], 'fields');
        requireThat(typeof fields['MsgType'] === 'string', 'fields.MsgType must be a string');
        message = fields as UserMessage;
        break;
      }
      default:
        throw new BadRequestException('type must be text, event or raw');
    }
    try {
      return await this.sandbox.messages.send(account, openid, message);
    } catch (error) {
      if (error instanceof MessageTargetError) throw new ConflictException(error.message);
      throw error;
    }
  }

  /** Customer-service messages the account sent through `message/custom/send`, oldest first. */
  @Get('accounts/:appId/custom-messages')
  customMessages(@Param('appId') appId: string): readonly SentMessage[] {
    findAccount(this.sandbox, appId);
    return this.sandbox.sent.list(appId);
  }

  /** A js_code as `wx.login()` inside the mini program would give, for `sns/component/jscode2session`. */
  @Post('accounts/:appId/js-code')
  @HttpCode(200)
  jsCode(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): JsCodeResult {
    const account = findAuthorized(this.sandbox, appId);
    requireThat(account.type === 'mini_program', `${appId} is not a mini program`);
    const user = simulatedUser(optionalString(objectBody(raw), 'user') ?? SIMULATED_USERS[0]!.key);
    requireThat(user, `user must be one of ${SIMULATED_USERS.map((u) => u.key).join(', ')}`);
    return {
      jsCode: this.sandbox.oauth.issueJsCode(appId, user.key),
      openid: identityOf(user, appId, this.sandbox.component.appId).openid,
      user: user.key,
    };
  }

  /**
   * Finishes a fast registration (`notify_third_fasteregister`): with status 0 a new mini program is created and
   * authorized, and its authorization code is pushed as `auth_code`.
   */
  @Post('fast-register')
  @HttpCode(200)
  async fastRegister(@ControlBody() raw: Record<string, unknown>): Promise<FastRegisterResult> {
    const body = objectBody(raw);
    const status = optionalInteger(body, 'status') ?? 0;
    const info = body['info'] === undefined ? {} : objectBody(body['info']);
    const text = (name: string, fallback: string): string => optionalString(info, name) ?? fallback;
    let appId = '';
    let authCode = '';
    if (status === 0) {
      const account = this.sandbox.accounts.create({
        type: 'mini_program',
        nickName: optionalString(body, 'nickName') ?? '快速注册小程序',
        principalName: text('name', '沙盒科技有限公司'),
      });
      const { grant } = await this.sandbox.notifier.grant(account, { push: false });
      appId = account.appId;
      authCode = grant.authorizationCode;
    }
    const push = await this.sandbox.events.push(
      fastRegisterEvent(this.sandbox.component.appId, epochSeconds(this.sandbox.clock), {
        appId,
        status,
        authCode,
        msg: optionalString(body, 'msg') ?? (status === 0 ? 'OK' : 'legal person checking timeout'),
        info: {
          name: text('name', '沙盒科技有限公司'),
          code: text('code', '91440300MA5SANDBOX'),
          code_type: optionalInteger(info, 'code_type') ?? 1,
          legal_persona_wechat: text('legal_persona_wechat', 'sandbox_legal'),
          legal_persona_name: text('legal_persona_name', '张三'),
          component_phone: text('component_phone', '13800000000'),
        },
      }),
      appId || undefined,
    );
    return { status, ...(appId ? { appId, authCode } : {}), ...(push ? { push } : {}) };
  }

  private openidOf(account: Account, userKey: string | undefined): string {
    const user = simulatedUser(userKey ?? SIMULATED_USERS[0]!.key);
    requireThat(user, `user must be one of ${SIMULATED_USERS.map((u) => u.key).join(', ')}`);
    return identityOf(user, account.appId, this.sandbox.component.appId).openid;
  }
}

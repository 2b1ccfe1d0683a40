import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { html, page, errorPage } from '../common/html.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { RegistrationTask } from '../state/platform/fast-registrations.js';

/** A page error: an HTML page with `#error[data-code]`, status 400. */
class PageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const REGISTRATION_PAGES = ['wxopen/fastregister/verify', 'wxawap/fastregistertpbeta'];

/**
 * The pages of mp.weixin.qq.com that the registration and account flows send people to:
 *
 * * the `authorize_url` of a fast registration (enterprise, personal: `/wxopen/fastregister/verify?taskid=`; beta:
 *   `/wxawap/fastregistertpbeta?create_token=`) — the applicant confirms (`button#confirm`, the identity, face and
 *   phone checks pass) or refuses (`button#refuse`); the outcome is pushed;
 * * `/cgi-bin/fastregisterauth` — an official account's administrator lets the platform register a mini program with
 *   the account's principal: redirects 302 to `redirect_uri?ticket=…`;
 * * `/wxopen/componentrebindadmin` — a mini program's administrator confirms a new administrator: redirects 302 to
 *   `redirect_uri?appid=…&taskid=…`.
 */
@Controller()
export class RegistrationPagesController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Get(REGISTRATION_PAGES)
  show(@Query() query: Record<string, unknown>, @Res() res: Response): void {
    this.respond(res, () => {
      const task = this.pendingTask(query);
      const body = html`<h1>${task.kind === 'beta' ? '创建试用小程序' : '快速注册小程序'}</h1>
<p>${task.name}${task.code ? ` · ${task.code}` : ''}</p><p class="muted">确认后将完成身份验证并创建小程序，授权给第三方平台。</p>
<form method="post"><input type="hidden" name="taskid" value="${task.taskId}">
<button id="confirm" name="decision" value="approve">确认</button> <button id="refuse" class="secondary" name="decision" value="refuse">拒绝</button></form>`;
      res.type('html').send(page('快速注册小程序', body, true));
    });
  }

  @Post(REGISTRATION_PAGES)
  @HttpCode(200)
  async submit(@Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    await this.respond(res, async () => {
      const task = this.pendingTask(body);
      const approve = stringField(body, 'decision') !== 'refuse';
      const outcome = await this.sandbox.platformPushes.completeRegistration(task, approve);
      res.type('html').send(page('快速注册小程序', html`<h1 id="result" data-appid="${outcome.appId ?? ''}">${approve ? '创建成功' : '已拒绝'}</h1>`, true));
    });
  }

  /** The official account must have authorized this component; redirects with a single-use ticket (10 minutes). */
  @Get('cgi-bin/fastregisterauth')
  fastRegisterAuth(@Query() query: Record<string, unknown>, @Res() res: Response): void {
    this.respond(res, () => {
      const redirect = this.redirectUri(query);
      const account = this.authorizedAccount(query, 'official_account');
      const ticket = this.sandbox.platform.registrations.issueTicket(account.appId, stringField(query, 'copy_wx_verify') !== '0');
      redirect.searchParams.set('ticket', ticket);
      res.redirect(302, redirect.toString());
    });
  }

  /** The mini program must have authorized this component; redirects with a rebinding task for it. */
  @Get('wxopen/componentrebindadmin')
  rebindAdmin(@Query() query: Record<string, unknown>, @Res() res: Response): void {
    this.respond(res, () => {
      const redirect = this.redirectUri(query);
      const account = this.authorizedAccount(query, 'mini_program');
      const taskId = crypto.randomUUID().replaceAll('-', '');
      this.sandbox.platform.rebindTasks.set(taskId, account.appId);
      redirect.searchParams.set('appid', account.appId);
      redirect.searchParams.set('taskid', taskId);
      res.redirect(302, redirect.toString());
    });
  }

  private pendingTask(source: Record<string, unknown>): RegistrationTask {
    const id = stringField(source, 'taskid') ?? stringField(source, 'create_token');
    let task: RegistrationTask;
    try {
      task = this.sandbox.platform.registrations.task(id);
    } catch {
      throw new PageError('task', '任务不存在');
    }
    if (task.status === 1) throw new PageError('expired', '链接已过期，请联系服务商重新发起');
    if (task.status !== 0) throw new PageError('done', '该任务已处理');
    return task;
  }

  private redirectUri(query: Record<string, unknown>): URL {
    if (stringField(query, 'component_appid') !== this.sandbox.component.appId) throw new PageError('component', 'component_appid 无效');
    const uri = stringField(query, 'redirect_uri');
    if (!uri || !URL.canParse(uri)) throw new PageError('redirect_uri', 'redirect_uri 无效');
    return new URL(uri);
  }

  private authorizedAccount(query: Record<string, unknown>, type: 'official_account' | 'mini_program') {
    const account = this.sandbox.accounts.get(stringField(query, 'appid') ?? '');
    if (!account || account.type !== type || account.status !== 'authorized') throw new PageError('appid', '该帐号未授权给此第三方平台');
    return account;
  }

  private async respond(res: Response, render: () => void | Promise<void>): Promise<void> {
    try {
      await render();
    } catch (error) {
      if (!(error instanceof PageError)) throw error;
      res.status(400).type('html').send(errorPage(error.code, error.message));
    }
  }
}

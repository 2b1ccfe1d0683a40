import type { NextFunction, Response } from 'express';
import type { SandboxRequest } from '../http/body-reader.js';
import { stringField } from '../http/request-values.js';
import { weChatErrorBody } from '../http/wechat-error.filter.js';
import type { Sandbox } from '../sandbox.js';
import { errmsgFor } from '../common/errors.js';
import { redact } from './redact.js';
import { resetConnection, sendStatusFault, shapeAnswer } from '../faults/answer-faults.js';

/** Requests to the sandbox's own pages and control API are not WeChat calls. */
export function isWeChatPath(path: string): boolean {
  return path !== '/' && path !== '/favicon.ico' && path !== '/sandbox' && !path.startsWith('/sandbox/');
}

/** The account a call concerns: named in the body or query, or the owner of the authorizer token used. */
export function attributeCall(sandbox: Sandbox, req: SandboxRequest): string | undefined {
  const named = stringField(req.body, 'authorizer_appid') ?? stringField(req.query, 'appid') ?? stringField(req.body, 'appid');
  if (named !== undefined) return named;
  const token = stringField(req.query, 'access_token');
  const record = token === undefined ? undefined : sandbox.tokens.peek(token);
  return record?.kind === 'authorizer' ? record.owner : undefined;
}

const MAX_RECORDED_BODY = 4096;
const RID = /rid: ([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})$/;

/**
 * Keeps what `openapi/rid/get` tells about a failed call: the rid of its errmsg, owned by the account whose token
 * it carried (the component for calls without one), with the URL (token masked) and both bodies.
 */
function rememberRid(sandbox: Sandbox, req: SandboxRequest, body: { errmsg?: unknown }, costMs: number): void {
  const rid = typeof body.errmsg === 'string' ? RID.exec(body.errmsg)?.[1] : undefined;
  if (rid === undefined) return;
  const token = stringField(req.query, 'access_token') ?? stringField(req.query, 'component_access_token');
  const owner = (token === undefined ? undefined : sandbox.tokens.peek(token)?.owner) ?? sandbox.component.appId;
  const query = new URLSearchParams(redact(req.query) as Record<string, string>).toString();
  sandbox.platform.rids.add({
    rid,
    owner,
    at: sandbox.clock(),
    costMs: Math.round(costMs),
    requestUrl: `https://api.weixin.qq.com${req.path}${query ? `?${query}` : ''}`,
    requestBody: (req.bodyUnparsable ? (req.rawBody ?? '') : JSON.stringify(redact(req.body ?? {}))).slice(0, MAX_RECORDED_BODY),
    responseBody: JSON.stringify(body),
    clientIp: req.socket.remoteAddress ?? '',
  });
}

/** Who a call is charged to: a known account it concerns, else the component (unknown appids cost no memory). */
function chargedTo(sandbox: Sandbox, appId: string | undefined): string {
  return appId !== undefined && sandbox.accounts.get(appId) ? appId : sandbox.component.appId;
}

/**
 * Express middleware in front of WeChat's side: applies injected faults (latency, errcode, HTTP status, trickled
 * answers, connection resets) and the daily quota (45009); once answered — or once the connection is gone — counts
 * the call against the account it concerns and records it with its status and errcode.
 */
export function callRecorder(sandbox: Sandbox) {
  return (req: SandboxRequest, res: Response, next: NextFunction): void => {
    const path = req.path;
    if (!isWeChatPath(path)) {
      next();
      return;
    }
    const at = sandbox.clock();
    const started = performance.now();
    const named = attributeCall(sandbox, req);
    let errcode: number | undefined;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const code = (body as { errcode?: unknown } | null)?.errcode;
      if (typeof code === 'number') errcode = code;
      if (typeof code === 'number' && code !== 0) rememberRid(sandbox, req, body as { errmsg?: unknown }, performance.now() - started);
      return json(body);
    };
    const fault = sandbox.faults.take(path, named);
    let overQuota = false;
    let recorded = false;
    const record = (): void => {
      if (recorded) return;
      recorded = true;
      const appId = req.sandboxAppId ?? named;
      if (!overQuota) sandbox.usage.count(chargedTo(sandbox, appId), path);
      const hasBody = req.rawBody !== undefined && req.rawBody.length > 0 && req.rawBody.length <= MAX_RECORDED_BODY;
      sandbox.calls.add({
        at,
        method: req.method,
        path,
        ...(appId === undefined ? {} : { appId }),
        query: redact(req.query) as Record<string, string>,
        ...(hasBody ? { body: redact(req.bodyUnparsable ? req.rawBody : req.body) } : {}),
        status: res.headersSent ? res.statusCode : 0,
        ...(errcode === undefined ? {} : { errcode }),
        durationMs: Math.round(performance.now() - started),
        ...(res.writableFinished ? {} : { interrupted: true as const }),
        ...(fault ? { faultId: fault.id } : {}),
      });
    };
    // 'finish': the whole answer is out; 'close' without it: the client went away or a fault reset the connection.
    res.once('finish', record);
    res.once('close', record);
    if (fault?.trickleMs !== undefined || fault?.reset === 'midway') {
      shapeAnswer(res, { ...(fault.trickleMs === undefined ? {} : { trickleMs: fault.trickleMs }), cutMidway: fault.reset === 'midway' });
    }
    // A client that gave up during the latency does not stop the endpoint: WeChat acts on what it received.
    const proceed = (): void => {
      if (fault?.reset === 'before') {
        resetConnection(req.socket);
      } else if (fault?.httpStatus !== undefined) {
        sendStatusFault(res, fault.httpStatus, fault.httpBody ?? 'html');
      } else if (fault?.errcode !== undefined) {
        res.status(200).json(weChatErrorBody(fault.errcode, fault.errmsg ?? errmsgFor(fault.errcode), sandbox.clock()));
      } else if (!sandbox.usage.allows(chargedTo(sandbox, named), path)) {
        overQuota = true;
        res.status(200).json(weChatErrorBody(45009, errmsgFor(45009), sandbox.clock()));
      } else {
        next();
      }
    };
    if (fault?.latencyMs) setTimeout(proceed, fault.latencyMs);
    else proceed();
  };
}

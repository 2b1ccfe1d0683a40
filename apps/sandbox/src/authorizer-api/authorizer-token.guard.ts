import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { WeChatError } from '../common/errors.js';
import { Sandbox } from '../sandbox.js';
import { FUNC } from '../state/permissions.js';
import { AUTHORIZER_API_SCOPE, type AuthorizerApiScope, type AuthorizerRequest } from './scope.js';

/**
 * Resolves `?access_token=` to an authorized account: missing 41001, malformed 40014, unknown 40001, expired 42001;
 * then checks the account type (48001) and the granted permission set (61007).
 */
@Injectable()
export class AuthorizerTokenGuard implements CanActivate {
  constructor(
    @Inject(Sandbox) private readonly sandbox: Sandbox,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & AuthorizerRequest>();
    const record = this.sandbox.credentials.authorizerToken(request.query);
    const account = this.sandbox.authorizations.authorizedAccount(record.owner);
    const scope = this.reflector.getAllAndOverride<AuthorizerApiScope | undefined>(AUTHORIZER_API_SCOPE, [context.getHandler(), context.getClass()]) ?? {};
    const needed = scope[account.type];
    if (needed === undefined) throw new WeChatError(48001);
    if (needed !== FUNC.ANY && !account.funcIds.includes(needed)) throw new WeChatError(61007);
    request.authorizer = account;
    return true;
  }
}

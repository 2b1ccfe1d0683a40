import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import {
  AuthorizerNotFoundError,
  AuthorizerReauthorizationRequiredError,
  AuthorizerRevokedError,
  ComponentVerifyTicketMissingError,
  WeChatApiError,
  WeChatComponentError,
  WeChatHttpError,
} from 'nestjs-wechat-component';

/** Turns the module's typed errors into the demo's JSON answers: `{ error }`, plus `errcode` for WeChat errors. */
@Catch(WeChatComponentError)
export class WeChatErrorsFilter implements ExceptionFilter<WeChatComponentError> {
  catch(error: WeChatComponentError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.status(statusOf(error)).json({
      error: error.message,
      code: error.code,
      ...(error instanceof WeChatApiError ? { errcode: error.errcode } : {}),
    });
  }
}

function statusOf(error: WeChatComponentError): number {
  if (error instanceof AuthorizerNotFoundError) return HttpStatus.NOT_FOUND;
  if (error instanceof AuthorizerRevokedError || error instanceof AuthorizerReauthorizationRequiredError) return HttpStatus.GONE;
  if (error instanceof ComponentVerifyTicketMissingError) return HttpStatus.SERVICE_UNAVAILABLE;
  if (error instanceof WeChatApiError || error instanceof WeChatHttpError) return HttpStatus.BAD_GATEWAY;
  return HttpStatus.INTERNAL_SERVER_ERROR;
}

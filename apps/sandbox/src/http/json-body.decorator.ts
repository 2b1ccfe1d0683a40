import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { WeChatError } from '../common/errors.js';
import type { SandboxRequest } from './body-reader.js';

/** The JSON request body of a WeChat endpoint; a body that is not a JSON object answers 47001 data format error. */
export const JsonBody = createParamDecorator((_data: unknown, ctx: ExecutionContext): Record<string, unknown> => {
  const req = ctx.switchToHttp().getRequest<SandboxRequest>();
  if (req.bodyUnparsable) throw new WeChatError(47001);
  return (req.body ?? {}) as Record<string, unknown>;
});

import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { SandboxRequest } from '../http/body-reader.js';

/** The JSON body of a control-API request (`{}` when empty); 400 when it is not a JSON object. */
export const ControlBody = createParamDecorator((_data: unknown, ctx: ExecutionContext): Record<string, unknown> => {
  const req = ctx.switchToHttp().getRequest<SandboxRequest>();
  if (req.bodyUnparsable) throw new BadRequestException('the body must be a JSON object');
  return (req.body ?? {}) as Record<string, unknown>;
});

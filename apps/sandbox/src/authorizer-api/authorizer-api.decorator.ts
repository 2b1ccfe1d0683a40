import { applyDecorators, createParamDecorator, SetMetadata, UseGuards, type ExecutionContext } from '@nestjs/common';
import type { Account } from '../state/accounts.js';
import { AuthorizerTokenGuard } from './authorizer-token.guard.js';
import { AUTHORIZER_API_SCOPE, type AuthorizerApiScope, type AuthorizerRequest } from './scope.js';

/** Marks a handler (or a whole controller) as an authorizer API called with `?access_token=AUTHORIZER_TOKEN`. */
export function AuthorizerApi(scope: AuthorizerApiScope): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(AUTHORIZER_API_SCOPE, scope), UseGuards(AuthorizerTokenGuard));
}

/** The account whose token the call carries (set by {@link AuthorizerTokenGuard}). */
export const CurrentAuthorizer = createParamDecorator((_data: unknown, ctx: ExecutionContext): Account => {
  return ctx.switchToHttp().getRequest<AuthorizerRequest>().authorizer!;
});

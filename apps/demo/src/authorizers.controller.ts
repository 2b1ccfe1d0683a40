import { Controller, Get, Param } from '@nestjs/common';
import { AuthorizerClientFactory, ComponentService, type MenuInfo } from 'nestjs-wechat-component';

/** One row of `GET /authorizers`. */
interface AuthorizerView {
  appId: string;
  status: 'authorized' | 'revoked' | 'reauthorization_required';
  accessTokenExpiresAt: string | null;
}

/** The accounts the platform acts for, and one API call on their behalf. */
@Controller('authorizers')
export class AuthorizersController {
  constructor(
    private readonly component: ComponentService,
    private readonly clients: AuthorizerClientFactory,
  ) {}

  @Get()
  async list(): Promise<AuthorizerView[]> {
    const rows: AuthorizerView[] = [];
    for await (const authorizer of this.component.listAuthorizers()) {
      rows.push({
        appId: authorizer.appId,
        status: authorizer.status,
        accessTokenExpiresAt: authorizer.accessTokenExpiresAt === null ? null : new Date(authorizer.accessTokenExpiresAt).toISOString(),
      });
    }
    return rows;
  }

  /** The account's custom menu, fetched with its authorizer access token. */
  @Get(':appId/menu')
  async menu(@Param('appId') appId: string): Promise<MenuInfo> {
    const client = await this.clients.getClient(appId);
    return client.menu.get();
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { OnComponentEvent, type UnauthorizedEvent } from 'nestjs-wechat-component';

/** The example of `@OnComponentEvent`: note every account that revokes the platform. */
@Injectable()
export class RevocationLogger {
  private readonly logger = new Logger('RevocationLogger');

  @OnComponentEvent('unauthorized')
  onRevoked(event: UnauthorizedEvent): void {
    this.logger.log(`Account ${event.authorizerAppId} revoked its authorization at ${new Date(event.createTime * 1000).toISOString()}`);
  }
}

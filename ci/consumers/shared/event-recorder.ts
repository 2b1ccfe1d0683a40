import { Injectable } from '@nestjs/common';
import { OnComponentEvent, type AuthorizationEvent } from 'nestjs-wechat-component';

/** What the app's own `@OnComponentEvent` handler saw, for the driver to read back. */
export interface RecordedEvent {
  infoType: string;
  componentAppId: string;
  authorizerAppId: string;
}

@Injectable()
export class EventRecorder {
  readonly events: RecordedEvent[] = [];

  @OnComponentEvent('authorized')
  onAuthorized(event: AuthorizationEvent): void {
    this.events.push({ infoType: event.infoType, componentAppId: event.componentAppId, authorizerAppId: event.authorizerAppId });
  }
}

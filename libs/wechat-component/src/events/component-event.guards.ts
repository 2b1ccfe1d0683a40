import type {
  AuthorizationEvent,
  ComponentEvent,
  FastRegisterEvent,
  UnauthorizedEvent,
  VerifyTicketEvent,
} from './component-event.types.js';

/** Narrows a {@link ComponentEvent} to the verify-ticket push. */
export function isVerifyTicketEvent(event: ComponentEvent): event is VerifyTicketEvent {
  return event.infoType === 'component_verify_ticket';
}

/** Narrows a {@link ComponentEvent} to `authorized` or `updateauthorized`. */
export function isAuthorizationEvent(event: ComponentEvent): event is AuthorizationEvent {
  return event.infoType === 'authorized' || event.infoType === 'updateauthorized';
}

/** Narrows a {@link ComponentEvent} to `unauthorized`. */
export function isUnauthorizedEvent(event: ComponentEvent): event is UnauthorizedEvent {
  return event.infoType === 'unauthorized';
}

/** Narrows a {@link ComponentEvent} to the fast-registration result. */
export function isFastRegisterEvent(event: ComponentEvent): event is FastRegisterEvent {
  return event.infoType === 'notify_third_fasteregister';
}

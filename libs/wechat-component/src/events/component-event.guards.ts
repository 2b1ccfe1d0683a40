import type {
  AuthorizationEvent,
  BetaRegisterEvent,
  ComponentEvent,
  FastRegisterEvent,
  IcpFilingApplyResultEvent,
  IcpFilingVerifyResultEvent,
  UnauthorizedEvent,
  VerifyTicketEvent,
  WxaAuthAndIcpEvent,
  WxaAuthEvent,
  WxaVerifyExpiryEvent,
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

/** The typed component events, by `InfoType`. */
export interface ComponentEventMap {
  component_verify_ticket: VerifyTicketEvent;
  authorized: AuthorizationEvent;
  updateauthorized: AuthorizationEvent;
  unauthorized: UnauthorizedEvent;
  notify_third_fasteregister: FastRegisterEvent;
  notify_third_fastregisterbetaapp: BetaRegisterEvent;
  notify_icpfiling_verify_result: IcpFilingVerifyResultEvent;
  notify_apply_icpfiling_result: IcpFilingApplyResultEvent;
  notify_3rd_wxa_auth: WxaAuthEvent;
  notify_3rd_wxa_auth_and_icp: WxaAuthAndIcpEvent;
  notify_3rd_wxa_wxverify: WxaVerifyExpiryEvent;
}

/**
 * Narrows a {@link ComponentEvent} to the typed event of an `InfoType`.
 *
 * @example
 * ```ts
 * if (isComponentEventType(event, 'notify_apply_icpfiling_result')) console.log(event.beianStatus);
 * ```
 */
export function isComponentEventType<K extends keyof ComponentEventMap>(event: ComponentEvent, infoType: K): event is ComponentEventMap[K] {
  return event.infoType === infoType;
}

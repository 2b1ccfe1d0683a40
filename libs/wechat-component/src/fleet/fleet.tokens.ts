/** The resolved {@link WeChatFleetModuleOptions} (internal). */
export const FLEET_OPTIONS = Symbol('WECHAT_FLEET_OPTIONS');
/** The options as given, before defaults (internal). */
export const FLEET_RAW_OPTIONS = Symbol('WECHAT_FLEET_RAW_OPTIONS');

/** The resolved {@link WeChatFleetModuleOptions} (internal). */
export const FLEET_OPTIONS = Symbol('WECHAT_FLEET_OPTIONS');
/** The options as given, before defaults (internal). */
export const FLEET_RAW_OPTIONS = Symbol('WECHAT_FLEET_RAW_OPTIONS');
/** The fleet's own ioredis connection, for the campaigns (internal). */
export const FLEET_REDIS = Symbol('WECHAT_FLEET_REDIS');

// nestjs-wechat-component/health: the @nestjs/terminus health indicator. A separate entry point, so applications
// without @nestjs/terminus (an optional peer) never load it.
export { WeChatComponentHealthIndicator, type WeChatComponentHealthCheckOptions } from './wechat-component.health-indicator.js';
export type { ComponentHealth, HealthCheckOptions } from '../component/component-health.js';

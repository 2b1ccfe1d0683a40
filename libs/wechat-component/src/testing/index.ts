/**
 * Test helpers for applications using nestjs-wechat-component (`nestjs-wechat-component/testing`).
 */
export { verifyAuthorizerStore, AuthorizerStoreContractError, type VerifyAuthorizerStoreOptions } from './verify-authorizer-store.js';

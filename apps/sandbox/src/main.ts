#!/usr/bin/env node
import { optionsFromEnv, SANDBOX_ENV } from './env.js';
import { startSandbox } from './start-sandbox.js';

/**
 * The sandbox alone, configured from the environment: `npx nestjs-wechat-component-sandbox` (the package's bin) or
 * `npm run start:sandbox` in the repository. No top-level await: the published build of this file is CommonJS.
 */
async function main(): Promise<void> {
  const options = optionsFromEnv(process.env);
  const running = await startSandbox({ ...options, logger: ['error', 'warn'] });
  const { settings } = running.sandbox;
  const shown: Record<keyof typeof SANDBOX_ENV, string | number | undefined> = {
    SANDBOX_PORT: new URL(running.url).port,
    SANDBOX_HOST: options.host ?? '127.0.0.1',
    SANDBOX_COMPONENT_APPID: running.componentAppId,
    SANDBOX_COMPONENT_APPSECRET: running.componentAppSecret,
    SANDBOX_TOKEN: running.token,
    SANDBOX_ENCODING_AES_KEY: running.encodingAESKey,
    SANDBOX_EVENT_URL: settings.eventUrl,
    SANDBOX_MESSAGE_URL: settings.messageUrl,
    SANDBOX_TICKET_INTERVAL_SECONDS: settings.ticketIntervalSeconds,
    SANDBOX_COMPONENT_TOKEN_TTL_SECONDS: settings.componentTokenTtlSeconds,
    SANDBOX_AUTHORIZER_TOKEN_TTL_SECONDS: settings.authorizerTokenTtlSeconds,
  };
  const width = Math.max(...Object.keys(shown).map((name) => name.length));
  console.log('\nWeChat Open Platform sandbox (simulated component; these credentials are fake)\n');
  for (const [name, value] of Object.entries(shown)) console.log(`  ${name.padEnd(width)}  ${value ?? '(not set)'}`);
  console.log(`
  api.weixin.qq.com  → ${running.apiBaseUrl}
  mp.weixin.qq.com   → ${running.mpBaseUrl}
  open.weixin.qq.com → ${running.openBaseUrl}
  control API        → ${running.url}/sandbox
  console            → ${running.url}/
`);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void running.stop().then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
